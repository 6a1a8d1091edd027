package io.ledgerflow.formula.function.date;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

/** Dates as Excel serials: DATE, YEAR, MONTH, DAY, EOMONTH, EDATE, DAYS, NETWORKDAYS, TODAY, ... */
public final class DateFunctions implements FunctionFamily {

    private static final double MAX_SERIAL = 2958465; // 9999-12-31

    @Override
    public void register(FunctionRegistry r) {
        r.register("DATE", 3, 3, a -> {
            int y = a.integer(0);
            if (y < 0 || y > 9999) {
                return ErrorValue.NUM;
            }
            double s = Serials.date(y, a.integer(1), a.integer(2));
            return s < 0 || s > MAX_SERIAL ? ErrorValue.NUM : checked(a, s);
        });
        r.register("YEAR", 1, 1, a -> NumberValue.of(Serials.ymd(serial(a, 0))[0]));
        r.register("MONTH", 1, 1, a -> NumberValue.of(Serials.ymd(serial(a, 0))[1]));
        r.register("DAY", 1, 1, a -> NumberValue.of(Serials.ymd(serial(a, 0))[2]));
        r.register("EDATE", 2, 2, a -> {
            LocalDate d = Serials.toDate(serial(a, 0)).plusMonths(a.integer(1));
            return checked(a, Serials.of(d));
        });
        r.register("EOMONTH", 2, 2, a -> {
            LocalDate d = Serials.toDate(serial(a, 0)).plusMonths(a.integer(1));
            return checked(a, Serials.of(d.withDayOfMonth(d.lengthOfMonth())));
        });
        r.register("DAYS", 2, 2, a -> NumberValue.of(Math.floor(serial(a, 0)) - Math.floor(serial(a, 1))));
        r.register("NETWORKDAYS", 2, 3, a -> networkDays(a, SAT_SUN, 2));
        r.register("WORKDAY", 2, 3, a -> workday(a, SAT_SUN, 2));
        r.register("WEEKDAY", 1, 2, a -> {
            LocalDate d = Serials.toDate(serial(a, 0));
            int type = a.integer(1, 1);
            int iso = d.getDayOfWeek().getValue(); // Mon=1..Sun=7
            return switch (type) {
                case 1, 17 -> NumberValue.of(iso % 7 + 1);
                case 2, 11 -> NumberValue.of(iso);
                case 3 -> NumberValue.of(iso - 1);
                default -> ErrorValue.NUM;
            };
        });
        r.registerVolatile("TODAY", 0, 0, a -> checked(a, Serials.of(a.context().today())));
        r.registerVolatile(
                "NOW",
                0,
                0,
                a -> checked(
                        a, Serials.of(a.context().today()) + LocalTime.now().toSecondOfDay() / 86400.0));
        r.register("TIME", 3, 3, a -> {
            double t = (a.integer(0) * 3600.0 + a.integer(1) * 60.0 + a.integer(2)) / 86400.0;
            return t < 0 ? ErrorValue.NUM : Numbers.result(t - Math.floor(t));
        });
        r.register("HOUR", 1, 1, a -> NumberValue.of(timePart(serial(a, 0)) / 3600));
        r.register("MINUTE", 1, 1, a -> NumberValue.of(timePart(serial(a, 0)) / 60 % 60));
        r.register("SECOND", 1, 1, a -> NumberValue.of(timePart(serial(a, 0)) % 60));
        r.register("DATEVALUE", 1, 1, a -> {
            Double s = parseDate(a.text(0));
            return s == null ? ErrorValue.VALUE : checked(a, s);
        });
    }

    /** Days from the 1900 system's serial 0 to the 1904 system's (1904-01-01). */
    static final double DAYS_1900_TO_1904 = 1462;

    /** What a serial of the 1900 system (the one these functions compute in) is in the workbook's. */
    private static double own(Args a, double serial1900) {
        return a.context().date1904() ? serial1900 - DAYS_1900_TO_1904 : serial1900;
    }

    /** A serial of the workbook's date system as one of the 1900 system (for the financial functions). */
    public static double in1900(Args a, double serial) {
        return a.context().date1904() ? serial + DAYS_1900_TO_1904 : serial;
    }

    /** A 1900-system serial returned as a serial of the workbook's date system, #NUM! outside it. */
    static Value checked(Args a, double serial1900) {
        double s = own(a, serial1900);
        return s < 0 || serial1900 > MAX_SERIAL ? ErrorValue.NUM : NumberValue.of(s);
    }

    private static long timePart(double serial) {
        double frac = serial - Math.floor(serial);
        return Math.round(frac * 86400) % 86400;
    }

    /**
     * A date argument as a serial of the 1900 system: a serial number of the workbook's date system
     * or a date text; negative serials are #NUM!.
     */
    static double serial(Args a, int i) {
        Value v = a.value(i);
        Double p = v instanceof TextValue t ? parseDate(t.value()) : null;
        double s = p != null ? p : a.number(i);
        if (p == null && a.context().date1904()) {
            if (s < 0) {
                throw FormulaError.of(ErrorValue.NUM);
            }
            s += DAYS_1900_TO_1904;
        }
        if (s < 0 || s > MAX_SERIAL) {
            throw FormulaError.of(ErrorValue.NUM);
        }
        return s;
    }

    /** The date texts DATEVALUE (and date arguments given as text) read, month names in any case. */
    private static final DateTimeFormatter[] FORMATS = java.util.stream.Stream.of(
                    "yyyy-M-d",
                    "yyyy/M/d",
                    "M/d/yyyy",
                    "M/d/yy",
                    "d-MMM-yyyy",
                    "d-MMM-yy",
                    "d MMM yyyy",
                    "d MMMM yyyy",
                    "d-MMMM-yyyy",
                    "MMM d, yyyy",
                    "MMMM d, yyyy",
                    "MMM d yyyy",
                    "MMMM d yyyy")
            .map(p -> new java.time.format.DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern(p.replace("yyyy", "uuuu").replace("yy", "uu").replace("uuuuuu", "uuuu"))
                    .toFormatter(java.util.Locale.ENGLISH)
                    .withResolverStyle(java.time.format.ResolverStyle.STRICT))
            .toArray(DateTimeFormatter[]::new);

    static Double parseDate(String s) {
        String t = s.trim();
        // a time after the date ("1/2/2020 10:30") is ignored by DATEVALUE
        int sp = t.indexOf(':');
        if (sp > 0) {
            int cut = t.lastIndexOf(' ', sp);
            if (cut > 0) {
                t = t.substring(0, cut).trim();
            }
        }
        for (DateTimeFormatter f : FORMATS) {
            try {
                LocalDate d = LocalDate.parse(t, f);
                if (d.getYear() < 1900 || d.getYear() > 9999) {
                    continue;
                }
                return Serials.of(d);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }

    static Set<Long> holidays(Args a, int i) {
        Set<Long> h = new HashSet<>();
        if (a.isMissing(i)) {
            return h;
        }
        Grid g = a.grid(i);
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < g.cols(); c++) {
                Value v = g.get(r, c);
                if (v instanceof ErrorValue e) {
                    throw FormulaError.of(e);
                }
                if (v instanceof NumberValue n) {
                    h.add((long) Math.floor(n.value() + (a.context().date1904() ? DAYS_1900_TO_1904 : 0)));
                }
            }
        }
        return h;
    }

    /** Saturday and Sunday, by ISO day of week (index 1..7). */
    static final boolean[] SAT_SUN = {false, false, false, false, false, false, true, true};

    /** NETWORKDAYS(.INTL): the days from start to end (signed) that are no weekend and no holiday. */
    static Value networkDays(Args a, boolean[] weekend, int holidaysArg) {
        long s = (long) Math.floor(serial(a, 0));
        long e = (long) Math.floor(serial(a, 1));
        Set<Long> hol = holidays(a, holidaysArg);
        int sign = 1;
        if (e < s) {
            long t = s;
            s = e;
            e = t;
            sign = -1;
        }
        long n = 0;
        for (long k = s; k <= e; k++) {
            if (!weekend[Serials.toDate(k).getDayOfWeek().getValue()] && !hol.contains(k)) {
                n++;
            }
        }
        return NumberValue.of(sign * n);
    }

    /** WORKDAY(.INTL): the day so many working days (no weekend, no holiday) from the start. */
    static Value workday(Args a, boolean[] weekend, int holidaysArg) {
        long k = (long) Math.floor(serial(a, 0));
        int days = a.integer(1);
        Set<Long> hol = holidays(a, holidaysArg);
        int step = days >= 0 ? 1 : -1;
        int left = Math.abs(days);
        while (left > 0) {
            k += step;
            if (k < 1 || k > MAX_SERIAL) {
                return ErrorValue.NUM;
            }
            if (!weekend[Serials.toDate(k).getDayOfWeek().getValue()] && !hol.contains(k)) {
                left--;
            }
        }
        return checked(a, k);
    }
}
