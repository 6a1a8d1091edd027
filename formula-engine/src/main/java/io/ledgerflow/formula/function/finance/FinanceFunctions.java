package io.ledgerflow.formula.function.finance;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.value.ErrorValue;

/** Time value of money and depreciation: NPV, XNPV, IRR, XIRR, PMT, IPMT, PPMT, FV, PV, RATE, NPER, SLN, DDB. */
public final class FinanceFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.register("NPV", 2, -1, a -> {
            double rate = a.number(0);
            double[] v = Numbers.toArray(a, 1);
            if (rate == -1) {
                return ErrorValue.DIV0;
            }
            double s = 0;
            for (int i = 0; i < v.length; i++) {
                s += v[i] / Math.pow(1 + rate, i + 1);
            }
            return Numbers.result(s);
        });
        r.register("XNPV", 3, 3, a -> {
            double rate = a.number(0);
            double[] v = numbers(a.grid(1));
            double[] d = numbers(a.grid(2));
            if (v.length != d.length || v.length == 0) {
                return ErrorValue.NUM;
            }
            return Numbers.result(xnpv(rate, v, d));
        });
        r.register("IRR", 1, 2, a -> {
            double[] v = numbers(a.grid(0));
            return Numbers.result(irr(v, a.number(1, 0.1)));
        });
        r.register("XIRR", 2, 3, a -> {
            double[] v = numbers(a.grid(0));
            double[] d = numbers(a.grid(1));
            if (v.length != d.length || v.length < 2) {
                return ErrorValue.NUM;
            }
            return Numbers.result(xirr(v, d, a.number(2, 0.1)));
        });
        r.register(
                "PMT",
                3,
                5,
                a -> Numbers.result(pmt(a.number(0), a.number(1), a.number(2), a.number(3, 0), type(a, 4))));
        r.register(
                "FV", 3, 5, a -> Numbers.result(fv(a.number(0), a.number(1), a.number(2), a.number(3, 0), type(a, 4))));
        r.register(
                "PV", 3, 5, a -> Numbers.result(pv(a.number(0), a.number(1), a.number(2), a.number(3, 0), type(a, 4))));
        r.register("IPMT", 4, 6, a -> {
            double per = a.number(1);
            double n = a.number(2);
            if (per < 1 || per > n) {
                return ErrorValue.NUM;
            }
            return Numbers.result(ipmt(a.number(0), per, n, a.number(3), a.number(4, 0), type(a, 5)));
        });
        r.register("PPMT", 4, 6, a -> {
            double rate = a.number(0);
            double per = a.number(1);
            double n = a.number(2);
            double pv = a.number(3);
            double fv = a.number(4, 0);
            int type = type(a, 5);
            if (per < 1 || per > n) {
                return ErrorValue.NUM;
            }
            return Numbers.result(pmt(rate, n, pv, fv, type) - ipmt(rate, per, n, pv, fv, type));
        });
        r.register("NPER", 3, 5, a -> {
            double rate = a.number(0);
            double pmt = a.number(1);
            double pv = a.number(2);
            double fv = a.number(3, 0);
            int type = type(a, 4);
            if (rate == 0) {
                return pmt == 0 ? ErrorValue.NUM : Numbers.result(-(pv + fv) / pmt);
            }
            double num = pmt * (1 + rate * type) - fv * rate;
            double den = pv * rate + pmt * (1 + rate * type);
            return Numbers.result(Math.log(num / den) / Math.log(1 + rate));
        });
        r.register(
                "RATE",
                3,
                6,
                a -> Numbers.result(
                        rate(a.number(0), a.number(1), a.number(2), a.number(3, 0), type(a, 4), a.number(5, 0.1))));
        r.register("SLN", 3, 3, a -> {
            double life = a.number(2);
            return life == 0 ? ErrorValue.DIV0 : Numbers.result((a.number(0) - a.number(1)) / life);
        });
        r.register("DDB", 4, 5, a -> {
            double cost = a.number(0);
            double salvage = a.number(1);
            double life = a.number(2);
            double period = a.number(3);
            double factor = a.number(4, 2);
            if (cost < 0 || salvage < 0 || life <= 0 || period <= 0 || period > life || factor <= 0) {
                return ErrorValue.NUM;
            }
            double acc = 0;
            double dep = 0;
            for (int p = 1; p <= Math.ceil(period); p++) {
                dep = Math.min((cost - acc) * factor / life, Math.max(0, cost - salvage - acc));
                acc += dep;
            }
            return Numbers.result(dep);
        });
    }

    private static int type(Args a, int i) {
        return a.number(i, 0) != 0 ? 1 : 0;
    }

    private static double[] numbers(Grid g) {
        return Numbers.of(g);
    }

    public static double pmt(double r, double n, double pv, double fv, int type) {
        if (n == 0) {
            throw FormulaError.of(ErrorValue.NUM);
        }
        if (r == 0) {
            return -(pv + fv) / n;
        }
        double f = Math.pow(1 + r, n);
        return -(r * (fv + pv * f)) / ((1 + r * type) * (f - 1));
    }

    public static double fv(double r, double n, double pmt, double pv, int type) {
        if (r == 0) {
            return -(pv + pmt * n);
        }
        double f = Math.pow(1 + r, n);
        return -(pv * f + pmt * (1 + r * type) * (f - 1) / r);
    }

    public static double pv(double r, double n, double pmt, double fv, int type) {
        if (r == 0) {
            return -(fv + pmt * n);
        }
        double f = Math.pow(1 + r, n);
        return -(fv + pmt * (1 + r * type) * (f - 1) / r) / f;
    }

    public static double ipmt(double r, double per, double n, double pv, double fv, int type) {
        double p = pmt(r, n, pv, fv, type);
        double interest;
        if (per == 1) {
            interest = type == 1 ? 0 : -pv;
        } else {
            interest = type == 1 ? fv(r, per - 2, p, pv, 1) - p : fv(r, per - 1, p, pv, 0);
        }
        return interest * r;
    }

    private static double rate(double n, double pmt, double pv, double fv, int type, double guess) {
        double r = guess;
        for (int i = 0; i < 100; i++) {
            double f = rateF(r, n, pmt, pv, fv, type);
            double h = Math.max(1e-7, Math.abs(r) * 1e-7);
            double df = (rateF(r + h, n, pmt, pv, fv, type) - f) / h;
            if (df == 0 || Double.isNaN(df)) {
                break;
            }
            double next = r - f / df;
            if (Math.abs(next - r) < 1e-12) {
                return next;
            }
            r = next;
            if (r <= -1) {
                r = -0.999999;
            }
        }
        if (Math.abs(rateF(r, n, pmt, pv, fv, type)) < 1e-7) {
            return r;
        }
        throw FormulaError.of(ErrorValue.NUM);
    }

    private static double rateF(double r, double n, double pmt, double pv, double fv, int type) {
        if (Math.abs(r) < 1e-12) {
            return pv + pmt * n + fv;
        }
        double f = Math.pow(1 + r, n);
        return pv * f + pmt * (1 + r * type) * (f - 1) / r + fv;
    }

    static double irr(double[] v, double guess) {
        boolean pos = false;
        boolean neg = false;
        for (double x : v) {
            pos |= x > 0;
            neg |= x < 0;
        }
        if (!pos || !neg) {
            throw FormulaError.of(ErrorValue.NUM);
        }
        double[] t = new double[v.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = k;
        }
        return discountRoot(v, t, guess);
    }

    static double xnpv(double rate, double[] v, double[] d) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] / Math.pow(1 + rate, (d[i] - d[0]) / 365.0);
        }
        return s;
    }

    static double xirr(double[] v, double[] d, double guess) {
        double[] t = new double[v.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = (d[k] - d[0]) / 365.0;
        }
        return discountRoot(v, t, guess);
    }

    /**
     * The rate r with sum(v[k] / (1+r)^t[k]) = 0, by Newton's method from {@code guess} (at most
     * 100 steps, as Excel); #NUM! when it does not converge.
     */
    private static double discountRoot(double[] v, double[] t, double guess) {
        double r = guess;
        for (int i = 0; i < 100; i++) {
            double f = 0;
            double df = 0;
            for (int k = 0; k < v.length; k++) {
                double p = Math.pow(1 + r, t[k]);
                f += v[k] / p;
                df -= t[k] * v[k] / (p * (1 + r));
            }
            if (df == 0) {
                break;
            }
            double next = r - f / df;
            if (Math.abs(next - r) < 1e-12) {
                return next;
            }
            r = next;
            if (r <= -1) {
                r = -0.999999;
            }
        }
        throw FormulaError.of(ErrorValue.NUM);
    }
}
