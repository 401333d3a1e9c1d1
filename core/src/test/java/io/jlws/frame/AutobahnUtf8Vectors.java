package io.jlws.frame;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * The Autobahn TestSuite's UTF-8 decoder stress vectors (cases 6.5 - 6.23), shared by the server-side and
 * client-side conformance tests: each argument is (case id, "valid"/"invalid", hex payload).
 */
public final class AutobahnUtf8Vectors {

	/** κόσμε, Autobahn's running example. */
	static final byte[] KOSME = HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5");

	private AutobahnUtf8Vectors() {
	}

	/** Autobahn's {@code createUtf8TestSequences()}, numbered from 6.5 as {@code case6_x_x.py} does. */
	public static Stream<Arguments> utf8Vectors() {
		List<List<Object[]>> groups = new ArrayList<>();
		// 6.5 Some valid UTF-8 sequences
		groups.add(List.of(v(true, "68656c6c6f24776f726c64"), v(true, "68656c6c6fc2a2776f726c64"),
				v(true, "68656c6c6fe282ac776f726c64"), v(true, "68656c6c6ff0a4ada2776f726c64"),
				v(true, "cebae1bdb9cf83cebcceb5")));
		// 6.6 All prefixes of κόσμε: valid exactly when the prefix ends on a code point
		List<Object[]> prefixes = new ArrayList<>();
		for (int i = 1; i <= KOSME.length; i++) {
			boolean complete = i == 2 || i == 5 || i == 7 || i == 9 || i == 11;
			prefixes.add(v(complete, HexFormat.of().formatHex(KOSME, 0, i)));
		}
		groups.add(prefixes);
		// 6.7 First possible sequence of a certain length
		groups.add(List.of(v(true, "00"), v(true, "c280"), v(true, "e0a080"), v(true, "f0908080")));
		// 6.8 First possible sequence length 5/6 (invalid code points)
		groups.add(List.of(v(false, "f888808080"), v(false, "fc8480808080")));
		// 6.9 Last possible sequence of a certain length
		groups.add(List.of(v(true, "7f"), v(true, "dfbf"), v(true, "efbfbf"), v(true, "f48fbfbf")));
		// 6.10 Last possible sequence length 4/5/6 (invalid code points)
		groups.add(List.of(v(false, "f7bfbfbf"), v(false, "fbbfbfbfbf"), v(false, "fdbfbfbfbfbf")));
		// 6.11 Other boundary conditions
		groups.add(List.of(v(true, "ed9fbf"), v(true, "ee8080"), v(true, "efbfbd"), v(true, "f48fbfbf"),
				v(false, "f4908080")));
		// 6.12 Unexpected continuation bytes
		StringBuilder continuations = new StringBuilder();
		for (int b = 0x80; b < 0xbf; b++) {
			continuations.append(String.format("%02x", b));
		}
		groups.add(List.of(v(false, "80"), v(false, "bf"), v(false, "80bf"), v(false, "80bf80"),
				v(false, "80bf80bf"), v(false, "80bf80bf80"), v(false, "80bf80bf80bf"),
				v(false, continuations.toString())));
		// 6.13 Lonely start characters, each followed by a space
		List<Object[]> lonely = new ArrayList<>();
		for (int[] range : new int[][] { { 0xc0, 0xdf }, { 0xe0, 0xef }, { 0xf0, 0xf7 }, { 0xf8, 0xfb },
				{ 0xfc, 0xfd } }) {
			StringBuilder s = new StringBuilder();
			for (int b = range[0]; b < range[1]; b++) {
				s.append(String.format("%02x20", b));
			}
			lonely.add(v(false, s.toString()));
		}
		groups.add(lonely);
		// 6.14 Sequences with last continuation byte missing
		String[] missing = { "c0", "e080", "f08080", "f8808080", "fc80808080", "df", "efbf", "f7bfbf", "fbbfbfbf",
				"fdbfbfbfbf" };
		List<Object[]> truncated = new ArrayList<>();
		for (String m : missing) {
			truncated.add(v(false, m));
		}
		groups.add(truncated);
		// 6.15 Concatenation of incomplete sequences
		groups.add(List.<Object[]>of(v(false, String.join("", missing))));
		// 6.16 Impossible bytes
		groups.add(List.of(v(false, "fe"), v(false, "ff"), v(false, "fefeffff")));
		// 6.17 Examples of an overlong ASCII character
		groups.add(List.of(v(false, "c0af"), v(false, "e080af"), v(false, "f08080af"), v(false, "f8808080af"),
				v(false, "fc80808080af")));
		// 6.18 Maximum overlong sequences
		groups.add(List.of(v(false, "c1bf"), v(false, "e09fbf"), v(false, "f08fbfbf"), v(false, "f887bfbfbf"),
				v(false, "fc83bfbfbfbf")));
		// 6.19 Overlong representation of the NUL character
		groups.add(List.of(v(false, "c080"), v(false, "e08080"), v(false, "f0808080"), v(false, "f880808080"),
				v(false, "fc8080808080")));
		// 6.20 Single UTF-16 surrogates
		groups.add(List.of(v(false, "eda080"), v(false, "edadbf"), v(false, "edae80"), v(false, "edafbf"),
				v(false, "edb080"), v(false, "edbe80"), v(false, "edbfbf")));
		// 6.21 Paired UTF-16 surrogates
		groups.add(List.of(v(false, "eda080edb080"), v(false, "eda080edbfbf"), v(false, "edadbfedb080"),
				v(false, "edadbfedbfbf"), v(false, "edae80edb080"), v(false, "edae80edbfbf"),
				v(false, "edafbfedb080"), v(false, "edafbfedbfbf")));
		// 6.22 Non-character code points (valid UTF-8)
		List<Object[]> nonCharacters = new ArrayList<>();
		nonCharacters.add(v(true, "efbfbe"));
		nonCharacters.add(v(true, "efbfbf"));
		for (String z1 : new String[] { "f0", "f1", "f2", "f3", "f4" }) {
			for (String z2 : new String[] { "8f", "9f", "af", "bf" }) {
				if (z1.equals("f4") && !z2.equals("8f")) {
					continue; // above U+10FFFF
				}
				for (String z3 : new String[] { "be", "bf" }) {
					String zz = z1 + z2 + "bf" + z3;
					if (!zz.equals("f08fbfbe") && !zz.equals("f08fbfbf")) { // overlong
						nonCharacters.add(v(true, zz));
					}
				}
			}
		}
		groups.add(nonCharacters);
		// 6.23 Unicode specials (i.e. replacement char)
		groups.add(List.of(v(true, "efbfb9"), v(true, "efbfba"), v(true, "efbfbb"), v(true, "efbfbc"),
				v(true, "efbfbd"), v(true, "efbfbe"), v(true, "efbfbf")));

		List<Arguments> cases = new ArrayList<>();
		for (int g = 0; g < groups.size(); g++) {
			List<Object[]> group = groups.get(g);
			for (int j = 0; j < group.size(); j++) {
				Object[] vector = group.get(j);
				cases.add(Arguments.of("case_6_" + (g + 5) + "_" + (j + 1), vector[0], vector[1]));
			}
		}
		return cases.stream();
	}

	private static Object[] v(boolean valid, String hexPayload) {
		return new Object[] { valid ? "valid" : "invalid", hexPayload };
	}

}
