package io.ledgerflow.formula.function.finance;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.function.date.CalendarFunctions;
import io.ledgerflow.formula.function.date.DateFunctions;
import io.ledgerflow.formula.function.date.Serials;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.Value;
import java.time.LocalDate;

/**
 * The rest of the financial family: MIRR, CUMIPMT, CUMPRINC, EFFECT, NOMINAL, DB, VDB, SYD,
 * ISPMT, FVSCHEDULE, PDURATION, RRI, DOLLARDE, DOLLARFR, ACCRINT, PRICE, YIELD.
 */
public final class SecuritiesFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.register("MIRR", 3, 3, SecuritiesFunctions::mirr);
        r.register("CUMIPMT", 6, 6, a -> cumulative(a, true));
        r.register("CUMPRINC", 6, 6, a -> cumulative(a, false));
        r.register("EFFECT", 2, 2, a -> {
            double rate = a.number(0);
            double n = Math.floor(a.number(1));
            return rate <= 0 || n < 1 ? ErrorValue.NUM : Numbers.result(Math.pow(1 + rate / n, n) - 1);
        });
        r.register("NOMINAL", 2, 2, a -> {
            double rate = a.number(0);
            double n = Math.floor(a.number(1));
            return rate <= 0 || n < 1 ? ErrorValue.NUM : Numbers.result(n * (Math.pow(1 + rate, 1 / n) - 1));
        });
        r.register("DB", 4, 5, SecuritiesFunctions::db);
        r.register("VDB", 5, 7, SecuritiesFunctions::vdb);
        r.register("SYD", 4, 4, a -> {
            double cost = a.number(0);
            double salvage = a.number(1);
            double life = a.number(2);
            double per = a.number(3);
            if (life <= 0 || per <= 0 || per > life) {
                return ErrorValue.NUM;
            }
            return Numbers.result((cost - salvage) * (life - per + 1) * 2 / (life * (life + 1)));
        });
        r.register("ISPMT", 4, 4, a -> {
            double rate = a.number(0);
            double per = a.number(1);
            double n = a.number(2);
            double pv = a.number(3);
            return n == 0 ? ErrorValue.DIV0 : Numbers.result(-pv * rate * (1 - per / n));
        });
        r.register("FVSCHEDULE", 2, 2, a -> {
            double p = a.number(0);
            Grid g = a.grid(1);
            for (int i = 0; i < g.rows() * g.cols(); i++) {
                p *= 1 + Args.Coerce.number(g.get(i / g.cols(), i % g.cols()));
            }
            return Numbers.result(p);
        });
        r.register("PDURATION", 3, 3, a -> {
            double rate = a.number(0);
            double pv = a.number(1);
            double fv = a.number(2);
            if (rate <= 0 || pv <= 0 || fv <= 0) {
                return ErrorValue.NUM;
            }
            return Numbers.result((Math.log(fv) - Math.log(pv)) / Math.log(1 + rate));
        });
        r.register("RRI", 3, 3, a -> {
            double n = a.number(0);
            double pv = a.number(1);
            double fv = a.number(2);
            if (n <= 0 || pv == 0) {
                return ErrorValue.NUM;
            }
            return Numbers.result(Math.pow(fv / pv, 1 / n) - 1);
        });
        r.register("DOLLARDE", 2, 2, a -> dollar(a, true));
        r.register("DOLLARFR", 2, 2, a -> dollar(a, false));
        r.register("ACCRINT", 6, 8, a -> {
            double issue = DateFunctions.in1900(a, a.number(0));
            double settlement = DateFunctions.in1900(a, a.number(2));
            double rate = a.number(3);
            double par = a.number(4, 1000);
            int freq = a.integer(5);
            int basis = a.integer(6, 0);
            if (rate <= 0
                    || par <= 0
                    || (freq != 1 && freq != 2 && freq != 4)
                    || basis < 0
                    || basis > 4
                    || issue >= settlement) {
                return ErrorValue.NUM;
            }
            return Numbers.result(par * rate * CalendarFunctions.yearFracOf(issue, settlement, basis));
        });
        r.register("PRICE", 6, 7, a -> {
            Bond b = bond(a, 0);
            double yld = a.number(3);
            if (yld < 0 || b.rate < 0) {
                return ErrorValue.NUM;
            }
            return Numbers.result(price(b, yld));
        });
        r.register("YIELD", 6, 7, a -> {
            Bond b = bond(a, 0);
            double pr = a.number(3);
            if (pr <= 0 || b.rate < 0) {
                return ErrorValue.NUM;
            }
            return Numbers.result(bondYield(b, pr));
        });
    }

    private static Value mirr(Args a) {
        double[] v = Numbers.of(a.grid(0));
        double finance = a.number(1);
        double reinvest = a.number(2);
        int n = v.length;
        double npvPos = 0;
        double npvNeg = 0;
        for (int i = 0; i < n; i++) {
            if (v[i] > 0) {
                npvPos += v[i] / Math.pow(1 + reinvest, i);
            } else {
                npvNeg += v[i] / Math.pow(1 + finance, i);
            }
        }
        if (npvNeg == 0 || npvPos == 0) {
            return ErrorValue.DIV0;
        }
        double res = Math.pow(-npvPos * Math.pow(1 + reinvest, n - 1) / npvNeg, 1.0 / (n - 1)) - 1;
        return Numbers.result(res);
    }

    private static Value cumulative(Args a, boolean interest) {
        double rate = a.number(0);
        double n = a.number(1);
        double pv = a.number(2);
        int start = (int) Math.ceil(a.number(3) - 1e-9);
        int end = (int) Math.floor(a.number(4) + 1e-9);
        double t = a.number(5);
        if (rate <= 0 || n <= 0 || pv <= 0 || start < 1 || end < start || end > n || (t != 0 && t != 1)) {
            return ErrorValue.NUM;
        }
        int type = (int) t;
        double pmt = FinanceFunctions.pmt(rate, n, pv, 0, type);
        double sum = 0;
        for (int p = start; p <= end; p++) {
            double ip = FinanceFunctions.ipmt(rate, p, n, pv, 0, type);
            sum += interest ? ip : pmt - ip;
        }
        return Numbers.result(sum);
    }

    private static Value db(Args a) {
        double cost = a.number(0);
        double salvage = a.number(1);
        double life = a.number(2);
        double period = Math.floor(a.number(3));
        double month = a.number(4, 12);
        if (cost < 0
                || salvage < 0
                || life <= 0
                || period <= 0
                || month < 1
                || month > 12
                || period > life + (month < 12 ? 1 : 0)) {
            return ErrorValue.NUM;
        }
        if (cost == 0) {
            return NumberValue.ZERO;
        }
        double rate = Math.round((1 - Math.pow(salvage / cost, 1 / life)) * 1000) / 1000.0;
        double total = cost * rate * month / 12;
        double dep = total;
        for (int p = 2; p <= period; p++) {
            dep = p == life + 1 ? (cost - total) * rate * (12 - month) / 12 : (cost - total) * rate;
            total += dep;
        }
        return Numbers.result(dep);
    }

    private static Value vdb(Args a) {
        double cost = a.number(0);
        double salvage = a.number(1);
        double life = a.number(2);
        double start = a.number(3);
        double end = a.number(4);
        double factor = a.number(5, 2);
        boolean noSwitch = a.bool(6, false);
        if (cost < 0 || salvage < 0 || life <= 0 || start < 0 || end < start || end > life || factor <= 0) {
            return ErrorValue.NUM;
        }
        double total = 0;
        double book = cost;
        boolean straight = false;
        double slDep = 0;
        for (int p = 0; p < Math.ceil(end); p++) {
            double dep;
            if (straight) {
                dep = slDep;
            } else {
                double ddb = book * factor / life;
                double sl = (book - salvage) / (life - p);
                if (!noSwitch && sl > ddb) {
                    straight = true;
                    slDep = sl;
                    dep = sl;
                } else {
                    dep = ddb;
                }
            }
            dep = Math.max(0, Math.min(dep, book - salvage));
            double lo = Math.max(start, p);
            double hi = Math.min(end, p + 1);
            if (hi > lo) {
                total += dep * (hi - lo);
            }
            book -= dep;
        }
        return Numbers.result(total);
    }

    private static Value dollar(Args a, boolean toDecimal) {
        double x = a.number(0);
        double f = Math.floor(a.number(1));
        if (f < 0) {
            return ErrorValue.NUM;
        }
        if (f == 0) {
            return ErrorValue.DIV0;
        }
        double digits = Math.pow(10, Math.ceil(Math.log10(f)));
        double whole = x < 0 ? Math.ceil(x) : Math.floor(x);
        double frac = x - whole;
        return toDecimal ? Numbers.result(whole + frac * digits / f) : Numbers.result(whole + frac * f / digits);
    }

    private record Bond(double settlement, double maturity, double rate, double redemption, int freq, int basis) {}

    /** settlement, maturity, rate, (pr|yld), redemption, frequency[, basis] from argument {@code i}. */
    private static Bond bond(Args a, int i) {
        double s = Math.floor(DateFunctions.in1900(a, a.number(i)));
        double m = Math.floor(DateFunctions.in1900(a, a.number(i + 1)));
        double rate = a.number(i + 2);
        double redemption = a.number(i + 4);
        int freq = a.integer(i + 5);
        int basis = a.integer(i + 6, 0);
        if (s >= m || redemption <= 0 || (freq != 1 && freq != 2 && freq != 4) || basis < 0 || basis > 4) {
            throw FormulaError.of(ErrorValue.NUM);
        }
        return new Bond(s, m, rate, redemption, freq, basis);
    }

    /** Coupon dates around settlement: {previous coupon, next coupon, coupons left}. */
    private static double[] coupons(Bond b) {
        LocalDate mat = Serials.toDate(b.maturity);
        LocalDate settle = Serials.toDate(b.settlement);
        int months = 12 / b.freq;
        int k = 0;
        LocalDate next = mat;
        LocalDate prev = mat;
        while (prev.isAfter(settle)) {
            k++;
            next = prev;
            prev = couponDate(mat, -months * k);
        }
        return new double[] {Serials.of(prev), Serials.of(next), k};
    }

    /** A coupon date: maturity moved by months, the end of month kept when maturity is one. */
    private static LocalDate couponDate(LocalDate maturity, int months) {
        LocalDate d = maturity.plusMonths(months);
        if (maturity.getDayOfMonth() == maturity.lengthOfMonth()) {
            d = d.withDayOfMonth(d.lengthOfMonth());
        }
        return d;
    }

    private static double price(Bond b, double yld) {
        double[] c = coupons(b);
        double pcd = c[0];
        double ncd = c[1];
        int n = (int) c[2];
        double e = periodDays(b, pcd, ncd);
        double aDays = days(b, pcd, b.settlement);
        double dsc = b.basis == 0 || b.basis == 4 ? e - aDays : days(b, b.settlement, ncd);
        double coupon = 100 * b.rate / b.freq;
        double y = yld / b.freq;
        if (n == 1) {
            double dsr = e - aDays;
            double t1 = b.redemption + coupon;
            double t2 = yld / b.freq * dsr / e + 1;
            return t1 / t2 - aDays / e * coupon;
        }
        double p = b.redemption / Math.pow(1 + y, n - 1 + dsc / e);
        for (int k = 1; k <= n; k++) {
            p += coupon / Math.pow(1 + y, k - 1 + dsc / e);
        }
        return p - coupon * aDays / e;
    }

    private static double bondYield(Bond b, double pr) {
        double lo = -0.99 * b.freq;
        double hi = 10;
        double y = b.rate > 0 ? b.rate : 0.05;
        for (int i = 0; i < 100; i++) {
            double f = price(b, y) - pr;
            if (Math.abs(f) < 1e-10) {
                return y;
            }
            double d = (price(b, y + 1e-7) - price(b, y)) / 1e-7;
            double next = d == 0 ? Double.NaN : y - f / d;
            if (!(next > lo && next < hi)) {
                // bisection step toward the root (price falls as the yield rises)
                if (f > 0) {
                    lo = y;
                } else {
                    hi = y;
                }
                next = (lo + hi) / 2;
            }
            y = next;
        }
        throw FormulaError.of(ErrorValue.NUM);
    }

    private static double periodDays(Bond b, double pcd, double ncd) {
        return switch (b.basis) {
            case 1 -> ncd - pcd;
            case 3 -> 365.0 / b.freq;
            default -> 360.0 / b.freq;
        };
    }

    private static double days(Bond b, double from, double to) {
        return switch (b.basis) {
            case 0 -> CalendarFunctions.days360Of(from, to, false);
            case 4 -> CalendarFunctions.days360Of(from, to, true);
            default -> to - from;
        };
    }
}
