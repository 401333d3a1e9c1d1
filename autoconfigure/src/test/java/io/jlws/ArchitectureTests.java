package io.jlws;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Architecture rules for jlws-spring-boot, after Spring Boot's {@code ArchitectureRules}: auto-configuration is
 * public, final wiring with no public members; nothing here reaches into the core's internals; Spring-aware code
 * does not depend on the auto-configuration; no package cycles.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.jlws.spring", "io.jlws.autoconfigure");

	@Test
	void autoConfigurationClassesArePublicAndFinal() {
		classes().that()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.check(CLASSES);
	}

	@Test
	void autoConfigurationClassesHaveNoPublicMembers() {
		members().that()
			.areDeclaredInClassesThat()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.should()
			.notBePublic()
			.check(CLASSES);
	}

	@Test
	void onlyTheCorePublicApiIsUsed() {
		noClasses().should()
			.dependOnClassesThat(resideInAnyPackage("io.jlws.loop..", "io.jlws.connection..", "io.jlws.frame..",
					"io.jlws.handshake..", "io.jlws.log..", "io.jlws.http..", "io.jlws.tls..", "io.jlws.client..")
				.and(not(TLS_API)))
			.check(CLASSES);
	}

	/**
	 * The TLS types that are public API although their package is internal: {@code ContextInfo.tls(TlsSettings)}
	 * takes them.
	 */
	private static final DescribedPredicate<JavaClass> TLS_API = DescribedPredicate.describe("the TLS API",
			(javaClass) -> javaClass.getPackageName().equals("io.jlws.tls")
					&& (javaClass.getName().startsWith("io.jlws.tls.TlsSettings")
							|| javaClass.getName().startsWith("io.jlws.tls.TlsConfigException")
							|| javaClass.getName().equals("io.jlws.tls.TlsContext")));

	@Test
	void springAwareCodeDoesNotDependOnAutoConfiguration() {
		noClasses().that()
			.resideInAPackage("io.jlws.spring..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.jlws.autoconfigure..")
			.check(CLASSES);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("io.jlws.(**)").should().beFreeOfCycles().check(CLASSES);
	}

}
