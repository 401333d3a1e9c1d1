package io.jlws.tls;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints the generated rows of {@code OpenSslSuiteTable} from the local {@code openssl ciphers} output.
 *
 * <p>Run by hand (from the IDE, or {@code java} with the test classpath) only when the table has to be
 * regenerated, and paste the output into the {@code GENERATED} text block; the hand-written rows for suites this
 * OpenSSL build leaves out stay below it. The row order is that of {@code ALL:COMPLEMENTOFALL}, OpenSSL's own
 * preference order. {@link OpenSslSuiteTableTests} checks that the committed rows still agree with the local
 * OpenSSL.
 */
public final class CipherTableGenerator {

	private CipherTableGenerator() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		for (String row : rows()) {
			System.out.println(row);
		}
	}

	static List<String> rows() throws IOException, InterruptedException {
		Set<String> high = names("HIGH");
		Set<String> medium = names("MEDIUM");
		Set<String> low = names("LOW");
		Set<String> notDefault = names("COMPLEMENTOFDEFAULT");
		Set<String> fips = names("FIPS");
		List<String> rows = new ArrayList<>();
		for (String line : OpenSslCli.ciphers("-V", "-stdname", "ALL:COMPLEMENTOFALL")) {
			// 0xC0,0x2C - TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 - ECDHE-ECDSA-AES256-GCM-SHA384 TLSv1.2
			// Kx=ECDH Au=ECDSA Enc=AESGCM(256) Mac=AEAD
			String[] f = line.trim().split("\\s+");
			if (f.length != 10 || f[5].equals("TLSv1.3")) {
				continue;
			}
			String id = "0x" + f[0].substring(2, 4) + f[0].substring(7, 9);
			String name = f[4];
			String enc = value(f[8]);
			int bits = enc.contains("(") ? Integer.parseInt(enc.substring(enc.indexOf('(') + 1, enc.indexOf(')'))) : 0;
			List<String> flags = new ArrayList<>();
			if (high.contains(name)) {
				flags.add("HIGH");
			}
			if (medium.contains(name)) {
				flags.add("MEDIUM");
			}
			if (low.contains(name)) {
				flags.add("LOW");
			}
			if (notDefault.contains(name)) {
				flags.add("NOTDEFAULT");
			}
			if (fips.contains(name)) {
				flags.add("FIPS");
			}
			rows.add(String.format(Locale.ROOT, "%s %-30s %-45s %-7s %-9s %-6s %-16s %-6s %3d %s", id, name, f[2],
					f[5], kx(value(f[6])), "a" + value(f[7]).replace("None", "NULL"), enc(enc), value(f[9]), bits,
					flags.isEmpty() ? "-" : String.join(",", flags)));
		}
		return rows;
	}

	private static Set<String> names(String cipherString) throws IOException, InterruptedException {
		Set<String> names = new HashSet<>();
		for (String line : OpenSslCli.ciphers("-V", cipherString)) {
			String[] f = line.trim().split("\\s+");
			if (f.length >= 4 && f[1].equals("-")) {
				names.add(f[2]);
			}
		}
		return names;
	}

	private static String value(String field) {
		return field.substring(field.indexOf('=') + 1);
	}

	private static String kx(String kx) {
		return switch (kx) {
			case "ECDH" -> "kECDHE";
			case "DH" -> "kDHE";
			default -> "k" + kx;
		};
	}

	private static String enc(String enc) {
		String bits = enc.contains("(") ? enc.substring(enc.indexOf('(') + 1, enc.indexOf(')')) : "";
		String family = enc.contains("(") ? enc.substring(0, enc.indexOf('(')) : enc;
		return switch (family) {
			case "AES" -> "AES" + bits;
			case "AESGCM" -> "AES" + bits + "GCM";
			case "AESCCM" -> "AES" + bits + "CCM";
			case "AESCCM8" -> "AES" + bits + "CCM8";
			case "ARIAGCM" -> "ARIA" + bits + "GCM";
			case "Camellia" -> "CAMELLIA" + bits;
			case "CHACHA20/POLY1305" -> "CHACHA20POLY1305";
			case "None" -> "eNULL";
			default -> throw new IllegalStateException("Unmapped encryption " + enc);
		};
	}

}
