package io.ledgerflow.formula.function.date;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;

/**
 * Day counts and calendars: DAYS360, YEARFRAC (bases 0-4), DATEDIF, WEEKNUM, ISOWEEKNUM,
 * WORKDAY.INTL, NETWORKDAYS.INTL, TIMEVALUE.
 */
public final class CalendarFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.register(
                "DAYS360",
                2,
                3,
                a -> NumberValue.of(days360(DateFunctions.serial(a, 0), DateFunctions.serial(a, 1), a.bool(2, false))));
        r.register("YEARFRAC", 2, 3, a -> {
            int basis = a.integer(2, 0);
            if (basis < 0 || basis > 4) {
                return ErrorValue.NUM;
            }
            return Numbers.result(yearFrac(DateFunctions.serial(a, 0), DateFunctions.serial(a, 1), basis));
        });
        r.register("DATEDIF", 3, 3, CalendarFunctions::datedif);
        r.register("WEEKNUM", 1, 2, CalendarFunctions::weeknum);
        r.register(
                "ISOWEEKNUM",
                1,
                1,
                a -> NumberValue.of(Serials.toDate(DateFunctions.serial(a, 0)).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        r.register("WORKDAY.INTL", 2, 4, a -> DateFunctions.workday(a, weekend(a, 2), 3));
        r.register("NETWORKDAYS.INTL", 2, 4, a -> DateFunctions.networkDays(a, weekend(a, 2), 3));
        r.register("TIMEVALUE", 1, 1, a -> {
            Double t = parseTime(a.text(0));
            return t == null ? ErrorValue.VALUE : Numbers.result(t);
        });
    }

    /** DAYS360 between two serials, for the financial functions. */
    public static double days360Of(double start, double end, boolean european) {
        return days360(start, end, european);
    }

    /** YEARFRAC between two serials for a basis 0-4, for the financial functions. */
    public static double yearFracOf(double start, double end, int basis) {
        return yearFrac(start, end, basis);
    }

    /** DAYS360: US (NASD) method, or European when {@code european}. */
    static double days360(double start, double end, boolean european) {
        int[] s = Serials.ymd(start);
        int[] e = Serials.ymd(end);
        int sd = s[2];
        int ed = e[2];
        if (european) {
            sd = Math.min(sd, 30);
            ed = Math.min(ed, 30);
        } else {
            boolean sLastFeb = s[1] == 2 && sd == lengthOfMonth(s[0], 2);
            boolean eLastFeb = e[1] == 2 && ed == lengthOfMonth(e[0], 2);
            if (sLastFeb && eLastFeb) {
                ed = 30;
            }
            if (sLastFeb) {
                sd = 30;
            }
            if (ed == 31 && sd >= 30) {
                ed = 30;
            }
            if (sd == 31) {
                sd = 30;
            }
        }
        return (e[0] - s[0]) * 360.0 + (e[1] - s[1]) * 30.0 + (ed - sd);
    }

    private static int lengthOfMonth(int year, int month) {
        return year == 1900 && month == 2 ? 29 : LocalDate.of(year, month, 1).lengthOfMonth();
    }

    private static boolean leap(int y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    /** YEARFRAC as Excel computes it for each basis. */
    static double yearFrac(double start, double end, int basis) {
        double s = Math.floor(start);
        double e = Math.floor(end);
        if (s == e) {
            return 0;
        }
        if (s > e) {
            double t = s;
            s = e;
            e = t;
        }
        int[] sd = Serials.ymd(s);
        int[] ed = Serials.ymd(e);
        switch (basis) {
            case 0 -> {
                int d1 = sd[2];
                int d2 = ed[2];
                boolean sLastFeb = sd[1] == 2 && d1 == lengthOfMonth(sd[0], 2);
                boolean eLastFeb = ed[1] == 2 && d2 == lengthOfMonth(ed[0], 2);
                if (d1 == 31 && d2 == 31) {
                    d1 = 30;
                    d2 = 30;
                } else if (d1 == 31) {
                    d1 = 30;
                } else if (d1 == 30 && d2 == 31) {
                    d2 = 30;
                } else if (sLastFeb && eLastFeb) {
                    d1 = 30;
                    d2 = 30;
                } else if (sLastFeb) {
                    d1 = 30;
                }
                return ((ed[0] - sd[0]) * 360.0 + (ed[1] - sd[1]) * 30.0 + (d2 - d1)) / 360;
            }
            case 1 -> {
                double days = e - s;
                if (sd[0] == ed[0] || (ed[0] == sd[0] + 1 && (ed[1] < sd[1] || (ed[1] == sd[1] && ed[2] <= sd[2])))) {
                    // within one year: 366 if a Feb 29 lies in the span (or the one year is leap)
                    double denom = 365;
                    if (sd[0] == ed[0]) {
                        denom = leap(sd[0]) ? 366 : 365;
                    } else if (feb29Between(sd, ed)) {
                        denom = 366;
                    }
                    return days / denom;
                }
                double total = 0;
                for (int y = sd[0]; y <= ed[0]; y++) {
                    total += leap(y) ? 366 : 365;
                }
                return days / (total / (ed[0] - sd[0] + 1));
            }
            case 2 -> {
                return (e - s) / 360;
            }
            case 3 -> {
                return (e - s) / 365;
            }
            default -> {
                int d1 = Math.min(sd[2], 30);
                int d2 = Math.min(ed[2], 30);
                return ((ed[0] - sd[0]) * 360.0 + (ed[1] - sd[1]) * 30.0 + (d2 - d1)) / 360;
            }
        }
    }

    private static boolean feb29Between(int[] s, int[] e) {
        for (int y = s[0]; y <= e[0]; y++) {
            if (!leap(y)) {
                continue;
            }
            // Feb 29 of year y is within [s, e]?
            boolean afterStart = y > s[0] || s[1] < 2 || (s[1] == 2 && s[2] <= 29);
            boolean beforeEnd = y < e[0] || e[1] > 2 || (e[1] == 2 && e[2] >= 29);
            if (afterStart && beforeEnd) {
                return true;
            }
        }
        return false;
    }

    private static Value datedif(Args a) {
        double s = Math.floor(DateFunctions.serial(a, 0));
        double e = Math.floor(DateFunctions.serial(a, 1));
        String unit = a.text(2).trim().toUpperCase(java.util.Locale.ROOT);
        if (s > e) {
            return ErrorValue.NUM;
        }
        LocalDate sd = Serials.toDate(s);
        LocalDate ed = Serials.toDate(e);
        return switch (unit) {
            case "D" -> NumberValue.of(e - s);
            case "M" -> NumberValue.of(ChronoUnit.MONTHS.between(sd, ed));
            case "Y" -> NumberValue.of(ChronoUnit.YEARS.between(sd, ed));
            case "YM" -> NumberValue.of(ChronoUnit.MONTHS.between(sd, ed) % 12);
            case "MD" -> {
                int diff = ed.getDayOfMonth() - sd.getDayOfMonth();
                if (diff < 0) {
                    LocalDate prev = ed.minusMonths(1);
                    diff += prev.lengthOfMonth();
                }
                yield NumberValue.of(diff);
            }
            case "YD" -> {
                LocalDate shifted = sd.withYear(ed.getYear());
                if (shifted.isAfter(ed)) {
                    shifted = sd.withYear(ed.getYear() - 1);
                }
                yield NumberValue.of(ChronoUnit.DAYS.between(shifted, ed));
            }
            default -> ErrorValue.NUM;
        };
    }

    private static Value weeknum(Args a) {
        LocalDate d = Serials.toDate(DateFunctions.serial(a, 0));
        int type = a.integer(1, 1);
        if (type == 21) {
            return NumberValue.of(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
        DayOfWeek first = switch (type) {
            case 1, 17 -> DayOfWeek.SUNDAY;
            case 2, 11 -> DayOfWeek.MONDAY;
            case 12 -> DayOfWeek.TUESDAY;
            case 13 -> DayOfWeek.WEDNESDAY;
            case 14 -> DayOfWeek.THURSDAY;
            case 15 -> DayOfWeek.FRIDAY;
            case 16 -> DayOfWeek.SATURDAY;
            default -> null;
        };
        if (first == null) {
            return ErrorValue.NUM;
        }
        LocalDate jan1 = d.withDayOfYear(1);
        int offset = (jan1.getDayOfWeek().getValue() - first.getValue() + 7) % 7;
        return NumberValue.of((d.getDayOfYear() - 1 + offset) / 7 + 1);
    }

    /** The weekend of WORKDAY.INTL / NETWORKDAYS.INTL: a number 1-7, 11-17, or a 7-char mask. */
    private static boolean[] weekend(Args a, int i) {
        boolean[] w = new boolean[8]; // index: ISO day of week 1..7
        if (a.isMissing(i)) {
            return DateFunctions.SAT_SUN;
        }
        Value v = a.value(i);
        if (v instanceof TextValue t) {
            String m = t.value();
            if (m.length() != 7 || !m.matches("[01]{7}") || m.equals("1111111")) {
                throw FormulaError.of(ErrorValue.VALUE);
            }
            for (int d = 0; d < 7; d++) {
                w[d + 1] = m.charAt(d) == '1';
            }
            return w;
        }
        int code = a.integer(i);
        if (code >= 1 && code <= 7) {
            // 1: Sat+Sun, 2: Sun+Mon, ..., 7: Fri+Sat
            int firstDay = (code + 4) % 7 + 1; // 1 -> 6 (Sat)
            w[firstDay] = true;
            w[firstDay % 7 + 1] = true;
        } else if (code >= 11 && code <= 17) {
            w[(code - 11 + 6) % 7 + 1] = true; // 11 -> Sunday (7)
        } else {
            throw FormulaError.of(ErrorValue.NUM);
        }
        return w;
    }

    /** Parses "h:mm", "h:mm:ss", "h:mm AM", optionally after a date; the fraction of a day. */
    static Double parseTime(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(?:.*\\s)?(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d+)?))?\\s*(AM|PM)?")
                .matcher(t);
        if (!m.matches()) {
            return null;
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        double sec = m.group(3) == null ? 0 : Double.parseDouble(m.group(3));
        if (m.group(4) != null) {
            if (h < 1 || h > 12) {
                return null;
            }
            h = h % 12 + (m.group(4).equals("PM") ? 12 : 0);
        }
        if (h > 23 || min > 59 || sec >= 60) {
            return null;
        }
        return (h * 3600 + min * 60 + sec) / 86400.0;
    }
}
