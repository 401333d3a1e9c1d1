package io.jlws.sample;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when no client mode is selected; see {@link ConditionalOnServerMode}. */
class OnServerModeCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return !SampleMode.isClient(context.getEnvironment());
	}

}
