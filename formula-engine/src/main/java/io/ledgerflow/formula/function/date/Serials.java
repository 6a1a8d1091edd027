package io.ledgerflow.formula.function.date;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Excel serial dates (1900 date system): 1 is 1900-01-01, and, as in Excel (inherited from Lotus
 * 1-2-3), serial 60 is the non-existent 1900-02-29, so from 1900-03-01 on a serial is the number
 * of days since 1899-12-30.
 */
public final class Serials {

    private static final LocalDate EPOCH = LocalDate.of(1899, 12, 30);

    private Serials() {}

    public static double of(LocalDate d) {
        long n = ChronoUnit.DAYS.between(EPOCH, d);
        return n < 61 ? n - 1 : n;
    }

    /** The date of a whole serial (serial 60 reads as 1900-02-28, 0 as 1899-12-31). */
    public static LocalDate toDate(double serial) {
        long s = (long) Math.floor(serial);
        if (s >= 61) {
            return EPOCH.plusDays(s);
        }
        if (s == 60) {
            return LocalDate.of(1900, 2, 28);
        }
        return EPOCH.plusDays(s + 1);
    }

    /** {year, month, day} as Excel's YEAR/MONTH/DAY report them (60 -> 1900-02-29, 0 -> 1900-01-00). */
    public static int[] ymd(double serial) {
        long s = (long) Math.floor(serial);
        if (s == 60) {
            return new int[] {1900, 2, 29};
        }
        if (s == 0) {
            return new int[] {1900, 1, 0};
        }
        LocalDate d = toDate(s);
        return new int[] {d.getYear(), d.getMonthValue(), d.getDayOfMonth()};
    }

    /** DATE(y, m, d) with Excel's normalisation of month and day overflow. */
    public static double date(int year, int month, int day) {
        if (year < 1900) {
            year += 1900;
        }
        LocalDate first = LocalDate.of(year, 1, 1).plusMonths(month - 1L);
        return of(first) + day - 1;
    }
}
