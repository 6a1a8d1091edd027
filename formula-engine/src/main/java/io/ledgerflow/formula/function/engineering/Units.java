package io.ledgerflow.formula.function.engineering;

import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * CONVERT's units: each unit is a factor to its group's base unit (temperatures by formula).
 * Metric prefixes (k, M, m, u, n, c, d, ...) apply to the units Excel allows them on.
 */
final class Units {

    private Units() {}

    private record Unit(String group, double factor, boolean prefixable) {}

    private static final Map<String, Unit> UNITS = new HashMap<>();
    private static final Map<String, Double> PREFIXES = Map.ofEntries(
            Map.entry("Y", 1e24),
            Map.entry("Z", 1e21),
            Map.entry("E", 1e18),
            Map.entry("P", 1e15),
            Map.entry("T", 1e12),
            Map.entry("G", 1e9),
            Map.entry("M", 1e6),
            Map.entry("k", 1e3),
            Map.entry("h", 1e2),
            Map.entry("da", 1e1),
            Map.entry("e", 1e1),
            Map.entry("d", 1e-1),
            Map.entry("c", 1e-2),
            Map.entry("m", 1e-3),
            Map.entry("u", 1e-6),
            Map.entry("n", 1e-9),
            Map.entry("p", 1e-12),
            Map.entry("f", 1e-15),
            Map.entry("a", 1e-18),
            Map.entry("z", 1e-21),
            Map.entry("y", 1e-24));

    private static void add(String group, double factor, boolean prefixable, String... names) {
        for (String n : names) {
            UNITS.put(n, new Unit(group, factor, prefixable));
        }
    }

    static {
        // mass (base: gram)
        add("mass", 1, true, "g");
        add("mass", 453.59237, false, "lbm");
        add("mass", 28.349523125, false, "ozm");
        add("mass", 14593.90293720636, false, "sg");
        add("mass", 1.66053906660e-24, true, "u");
        add("mass", 6350.29318, false, "stone");
        add("mass", 907184.74, false, "ton");
        add("mass", 1016046.9088, false, "LTON", "brton");
        add("mass", 45359.237, false, "cwt", "shweight");
        add("mass", 50802.34544, false, "uk_cwt", "lcwt", "hweight");
        add("mass", 64.79891e-3, false, "grain");
        // distance (base: metre)
        add("distance", 1, true, "m");
        add("distance", 1609.344, false, "mi");
        add("distance", 1852, false, "Nmi");
        add("distance", 0.0254, false, "in");
        add("distance", 0.3048, false, "ft");
        add("distance", 0.9144, false, "yd");
        add("distance", 1e-10, true, "ang");
        add("distance", 0.0254 / 72, false, "Pica", "pica");
        add("distance", 9.4607304725808e15, true, "ly");
        add("distance", 3.08567758149137e16, true, "parsec", "pc");
        add("distance", 1609.3472186944373, false, "survey_mi");
        // time (base: second)
        add("time", 1, true, "sec", "s");
        add("time", 60, false, "mn", "min");
        add("time", 3600, false, "hr");
        add("time", 86400, false, "day", "d");
        add("time", 365.25 * 86400, false, "yr");
        // pressure (base: pascal)
        add("pressure", 1, true, "Pa", "p");
        add("pressure", 101325, true, "atm", "at");
        add("pressure", 101325.0 / 760, true, "mmHg");
        add("pressure", 6894.757293168361, false, "psi");
        add("pressure", 101325.0 / 760, false, "Torr");
        // force (base: newton)
        add("force", 1, true, "N");
        add("force", 1e-5, true, "dyn", "dy");
        add("force", 4.4482216152605, false, "lbf");
        add("force", 9.80665, true, "pond");
        // energy (base: joule)
        add("energy", 1, true, "J");
        add("energy", 1e-7, true, "e");
        add("energy", 4.1868, true, "c");
        add("energy", 4.184, true, "cal");
        add("energy", 1.602176634e-19, true, "eV", "ev");
        add("energy", 2684519.537696173, false, "HPh", "hh");
        add("energy", 3600, true, "Wh", "wh");
        add("energy", 1.3558179483314, false, "flb");
        add("energy", 1055.05585262, false, "BTU", "btu");
        // power (base: watt)
        add("power", 1, true, "W", "w");
        add("power", 745.69987158227, false, "HP", "h");
        add("power", 735.49875, false, "PS");
        // magnetism
        add("magnetism", 1, true, "T");
        add("magnetism", 1e-4, true, "ga");
        // volume (base: cubic metre)
        add("volume", 1e-3, true, "l", "L", "lt");
        add("volume", 1, true, "m3", "m^3");
        add("volume", 0.003785411784 / 768, false, "tsp");
        add("volume", 0.003785411784 / 256, false, "tbs");
        add("volume", 0.003785411784 / 128, false, "oz");
        add("volume", 0.003785411784 / 16, false, "cup");
        add("volume", 0.003785411784 / 8, false, "pt", "us_pt");
        add("volume", 0.00056826125, false, "uk_pt");
        add("volume", 0.003785411784 / 4, false, "qt");
        add("volume", 0.00113652250, false, "uk_qt");
        add("volume", 0.003785411784, false, "gal");
        add("volume", 0.00454609, false, "uk_gal");
        add("volume", 0.158987294928, false, "barrel");
        add("volume", 0.0254 * 0.0254 * 0.0254, false, "in3", "in^3");
        add("volume", 0.3048 * 0.3048 * 0.3048, false, "ft3", "ft^3");
        // area (base: square metre)
        add("area", 1, true, "m2", "m^2");
        add("area", 4046.8564224, false, "uk_acre");
        add("area", 4046.872609874252, false, "us_acre");
        add("area", 1e4, false, "ha");
        add("area", 0.0254 * 0.0254, false, "in2", "in^2");
        add("area", 0.3048 * 0.3048, false, "ft2", "ft^2");
        add("area", 0.9144 * 0.9144, false, "yd2", "yd^2");
        add("area", 1609.344 * 1609.344, false, "mi2", "mi^2");
        // speed (base: m/s)
        add("speed", 1, true, "m/s", "m/sec");
        add("speed", 1.0 / 3600, true, "m/h", "m/hr");
        add("speed", 1852.0 / 3600, false, "kn", "admkn");
        add("speed", 1609.344 / 3600, false, "mph");
        // information (base: bit)
        add("information", 1, true, "bit");
        add("information", 8, true, "byte");
        // temperature: factors unused
        add("temperature", 1, false, "C", "cel", "F", "fah", "K", "kel", "Rank", "Reau");
    }

    private record Resolved(Unit unit, double scale, String base) {}

    private static Resolved resolve(String name) {
        Unit u = UNITS.get(name);
        if (u != null) {
            return new Resolved(u, 1, name);
        }
        for (String p : new String[] {
            "da", "Y", "Z", "E", "P", "T", "G", "M", "k", "h", "e", "d", "c", "m", "u", "n", "p", "f", "a", "z", "y"
        }) {
            if (name.startsWith(p) && name.length() > p.length()) {
                Unit b = UNITS.get(name.substring(p.length()));
                if (b != null && b.prefixable()) {
                    double f = PREFIXES.get(p);
                    String rest = name.substring(p.length());
                    // squared and cubed units take the prefix squared or cubed
                    if (rest.endsWith("2")) {
                        f = f * f;
                    } else if (rest.endsWith("3")) {
                        f = f * f * f;
                    }
                    return new Resolved(b, f, rest);
                }
            }
        }
        return null;
    }

    static Value convert(double x, String from, String to) {
        Resolved f = resolve(from);
        Resolved t = resolve(to);
        if (f == null || t == null || !f.unit().group().equals(t.unit().group())) {
            return ErrorValue.NA;
        }
        if (f.unit().group().equals("temperature")) {
            double k = toKelvin(x, f.base());
            return Numbers.result(fromKelvin(k, t.base()));
        }
        return Numbers.result(
                x * f.scale() * f.unit().factor() / (t.scale() * t.unit().factor()));
    }

    private static double toKelvin(double x, String u) {
        return switch (u) {
            case "C", "cel" -> x + 273.15;
            case "F", "fah" -> (x - 32) * 5 / 9 + 273.15;
            case "Rank" -> x * 5 / 9;
            case "Reau" -> x * 1.25 + 273.15;
            default -> x;
        };
    }

    private static double fromKelvin(double k, String u) {
        return switch (u) {
            case "C", "cel" -> k - 273.15;
            case "F", "fah" -> (k - 273.15) * 9 / 5 + 32;
            case "Rank" -> k * 9 / 5;
            case "Reau" -> (k - 273.15) * 0.8;
            default -> k;
        };
    }
}
