package io.ledgerflow.formula.function.stats;

import io.ledgerflow.formula.function.Args;
import io.ledgerflow.formula.function.FormulaError;
import io.ledgerflow.formula.function.FunctionFamily;
import io.ledgerflow.formula.function.FunctionRegistry;
import io.ledgerflow.formula.function.Grid;
import io.ledgerflow.formula.function.Numbers;
import io.ledgerflow.formula.value.BooleanValue;
import io.ledgerflow.formula.value.EmptyValue;
import io.ledgerflow.formula.value.ErrorValue;
import io.ledgerflow.formula.value.NumberValue;
import io.ledgerflow.formula.value.TextValue;
import io.ledgerflow.formula.value.Value;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Statistical functions beyond the basic aggregates: percentiles and quartiles (.INC/.EXC), RANK,
 * MODE, the A-variants, regression (SLOPE, INTERCEPT, FORECAST, TREND, CORREL, RSQ, STEYX), the
 * normal, exponential, binomial and Poisson distributions.
 */
public final class StatsFunctions implements FunctionFamily {

    @Override
    public void register(FunctionRegistry r) {
        r.register("PERCENTILE", 2, 2, a -> percentile(Numbers.of(a.grid(0)), a.number(1), false));
        r.register("PERCENTILE.INC", 2, 2, a -> percentile(Numbers.of(a.grid(0)), a.number(1), false));
        r.register("PERCENTILE.EXC", 2, 2, a -> percentile(Numbers.of(a.grid(0)), a.number(1), true));
        r.register("QUARTILE", 2, 2, a -> quartile(a, false));
        r.register("QUARTILE.INC", 2, 2, a -> quartile(a, false));
        r.register("QUARTILE.EXC", 2, 2, a -> quartile(a, true));
        r.register("RANK", 2, 3, a -> rank(a, false));
        r.register("RANK.EQ", 2, 3, a -> rank(a, false));
        r.register("RANK.AVG", 2, 3, a -> rank(a, true));
        r.register("PERCENTRANK", 2, 3, a -> percentRank(a, false));
        r.register("PERCENTRANK.INC", 2, 3, a -> percentRank(a, false));
        r.register("PERCENTRANK.EXC", 2, 3, a -> percentRank(a, true));
        r.register("MODE", 1, -1, StatsFunctions::mode);
        r.register("MODE.SNGL", 1, -1, StatsFunctions::mode);
        r.register("STDEVP", 1, -1, a -> moments(Numbers.toArray(a, 0), false, true));
        r.register("VARP", 1, -1, a -> moments(Numbers.toArray(a, 0), false, false));
        r.register("STDEVA", 1, -1, a -> moments(valuesA(a), true, true));
        r.register("STDEVPA", 1, -1, a -> moments(valuesA(a), false, true));
        r.register("VARA", 1, -1, a -> moments(valuesA(a), true, false));
        r.register("VARPA", 1, -1, a -> moments(valuesA(a), false, false));
        r.register("MAXA", 1, -1, a -> extreme(valuesA(a), false));
        r.register("MINA", 1, -1, a -> extreme(valuesA(a), true));
        r.register("AVEDEV", 1, -1, a -> {
            double[] d = Numbers.toArray(a, 0);
            if (d.length == 0) {
                return ErrorValue.NUM;
            }
            double m = mean(d);
            double s = 0;
            for (double x : d) {
                s += Math.abs(x - m);
            }
            return Numbers.result(s / d.length);
        });
        r.register("DEVSQ", 1, -1, a -> {
            double[] d = Numbers.toArray(a, 0);
            if (d.length == 0) {
                return ErrorValue.NUM;
            }
            return Numbers.result(sumSq(d, mean(d)));
        });
        r.register("GEOMEAN", 1, -1, a -> {
            double[] d = Numbers.toArray(a, 0);
            double s = 0;
            for (double x : d) {
                if (x <= 0) {
                    return ErrorValue.NUM;
                }
                s += Math.log(x);
            }
            return d.length == 0 ? ErrorValue.NUM : Numbers.result(Math.exp(s / d.length));
        });
        r.register("HARMEAN", 1, -1, a -> {
            double[] d = Numbers.toArray(a, 0);
            double s = 0;
            for (double x : d) {
                if (x <= 0) {
                    return ErrorValue.NUM;
                }
                s += 1 / x;
            }
            return d.length == 0 ? ErrorValue.NUM : Numbers.result(d.length / s);
        });
        r.register("SKEW", 1, -1, a -> {
            double[] d = Numbers.toArray(a, 0);
            double n = d.length;
            double s = n < 3 ? Double.NaN : standardizedPowerSum(d, 3);
            return Double.isNaN(s) ? ErrorValue.DIV0 : Numbers.result(n * s / ((n - 1) * (n - 2)));
        });
        r.register("KURT", 1, -1, a -> {
            double[] d = Numbers.toArray(a, 0);
            double n = d.length;
            double s = n < 4 ? Double.NaN : standardizedPowerSum(d, 4);
            return Double.isNaN(s)
                    ? ErrorValue.DIV0
                    : Numbers.result(n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * s
                            - 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3)));
        });
        r.register("CORREL", 2, 2, a -> regression(a, Stat.CORREL));
        r.register("PEARSON", 2, 2, a -> regression(a, Stat.CORREL));
        r.register("RSQ", 2, 2, a -> regression(a, Stat.RSQ));
        r.register("COVAR", 2, 2, a -> regression(a, Stat.COVAR_P));
        r.register("COVARIANCE.P", 2, 2, a -> regression(a, Stat.COVAR_P));
        r.register("COVARIANCE.S", 2, 2, a -> regression(a, Stat.COVAR_S));
        r.register("SLOPE", 2, 2, a -> regression(a, Stat.SLOPE));
        r.register("INTERCEPT", 2, 2, a -> regression(a, Stat.INTERCEPT));
        r.register("STEYX", 2, 2, a -> regression(a, Stat.STEYX));
        r.register("FORECAST", 3, 3, StatsFunctions::forecast);
        r.register("FORECAST.LINEAR", 3, 3, StatsFunctions::forecast);
        r.register("TREND", 1, 4, StatsFunctions::trend);
        r.register("STANDARDIZE", 3, 3, a -> {
            double sd = a.number(2);
            return sd <= 0 ? ErrorValue.NUM : Numbers.result((a.number(0) - a.number(1)) / sd);
        });
        r.register("NORM.DIST", 4, 4, a -> normDist(a.number(0), a.number(1), a.number(2), a.bool(3)));
        r.register("NORMDIST", 4, 4, a -> normDist(a.number(0), a.number(1), a.number(2), a.bool(3)));
        r.register("NORM.S.DIST", 2, 2, a -> normDist(a.number(0), 0, 1, a.bool(1)));
        r.register("NORMSDIST", 1, 1, a -> normDist(a.number(0), 0, 1, true));
        r.register("NORM.INV", 3, 3, a -> normInv(a.number(0), a.number(1), a.number(2)));
        r.register("NORMINV", 3, 3, a -> normInv(a.number(0), a.number(1), a.number(2)));
        r.register("NORM.S.INV", 1, 1, a -> normInv(a.number(0), 0, 1));
        r.register("NORMSINV", 1, 1, a -> normInv(a.number(0), 0, 1));
        r.register("PHI", 1, 1, a -> Numbers.result(Math.exp(-a.number(0) * a.number(0) / 2) / Math.sqrt(2 * Math.PI)));
        r.register("GAUSS", 1, 1, a -> Numbers.result(phi(a.number(0)) - 0.5));
        r.register("EXPON.DIST", 3, 3, StatsFunctions::expon);
        r.register("EXPONDIST", 3, 3, StatsFunctions::expon);
        r.register("BINOM.DIST", 4, 4, StatsFunctions::binom);
        r.register("BINOMDIST", 4, 4, StatsFunctions::binom);
        r.register("POISSON.DIST", 3, 3, StatsFunctions::poisson);
        r.register("POISSON", 3, 3, StatsFunctions::poisson);
        r.register("CONFIDENCE.NORM", 3, 3, StatsFunctions::confidence);
        r.register("CONFIDENCE", 3, 3, StatsFunctions::confidence);
        r.register("GAMMALN", 1, 1, a -> {
            double x = a.number(0);
            return x <= 0 ? ErrorValue.NUM : Numbers.result(lnGamma(x));
        });
        r.register("GAMMALN.PRECISE", 1, 1, a -> {
            double x = a.number(0);
            return x <= 0 ? ErrorValue.NUM : Numbers.result(lnGamma(x));
        });
        r.register("GAMMA", 1, 1, a -> {
            double x = a.number(0);
            if (x <= 0 && x == Math.floor(x)) {
                return ErrorValue.NUM;
            }
            return Numbers.result(gamma(x));
        });
        r.register("FISHER", 1, 1, a -> {
            double x = a.number(0);
            return Math.abs(x) >= 1 ? ErrorValue.NUM : Numbers.result(0.5 * Math.log((1 + x) / (1 - x)));
        });
        r.register("FISHERINV", 1, 1, a -> Numbers.result(Math.tanh(a.number(0))));
    }

    /** The sum of ((x - mean) / sample sd)^power; NaN when the sample sd is 0. */
    private static double standardizedPowerSum(double[] d, int power) {
        double m = mean(d);
        double sd = Math.sqrt(sumSq(d, m) / (d.length - 1));
        if (sd == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : d) {
            s += Math.pow((x - m) / sd, power);
        }
        return s;
    }

    static double mean(double[] d) {
        double s = 0;
        for (double x : d) {
            s += x;
        }
        return s / d.length;
    }

    static double sumSq(double[] d, double m) {
        double s = 0;
        for (double x : d) {
            s += (x - m) * (x - m);
        }
        return s;
    }

    private static Value moments(double[] d, boolean sample, boolean sqrt) {
        int n = d.length;
        if (n < (sample ? 2 : 1)) {
            return ErrorValue.DIV0;
        }
        double v = sumSq(d, mean(d)) / (sample ? n - 1 : n);
        return Numbers.result(sqrt ? Math.sqrt(v) : v);
    }

    private static Value extreme(double[] d, boolean min) {
        if (d.length == 0) {
            return NumberValue.ZERO;
        }
        double m = d[0];
        for (double x : d) {
            m = min ? Math.min(m, x) : Math.max(m, x);
        }
        return Numbers.result(m);
    }

    /** The A-variants' values: in references text is 0 and booleans 1/0; typed arguments coerce. */
    private static double[] valuesA(Args a) {
        Numbers.DoubleBuffer buf = new Numbers.DoubleBuffer();
        for (int i = 0; i < a.count(); i++) {
            if (a.isMissing(i)) {
                continue;
            }
            if (a.isReference(i)) {
                a.grid(i).forEach(v -> {
                    switch (v) {
                        case NumberValue n -> buf.add(n.value());
                        case BooleanValue b -> buf.add(b.value() ? 1 : 0);
                        case TextValue t -> buf.add(0);
                        case ErrorValue e -> throw FormulaError.of(e);
                        case EmptyValue e -> {}
                    }
                });
            } else {
                buf.add(a.number(i));
            }
        }
        return buf.toArray();
    }

    static Value percentile(double[] d, double k, boolean exclusive) {
        int n = d.length;
        if (n == 0 || k < 0 || k > 1) {
            return ErrorValue.NUM;
        }
        Arrays.sort(d);
        double pos;
        if (exclusive) {
            pos = k * (n + 1) - 1;
            if (pos < 0 || pos > n - 1) {
                return ErrorValue.NUM;
            }
        } else {
            pos = k * (n - 1);
        }
        int lo = (int) Math.floor(pos);
        double frac = pos - lo;
        if (lo + 1 >= n) {
            return Numbers.result(d[n - 1]);
        }
        return Numbers.result(d[lo] + frac * (d[lo + 1] - d[lo]));
    }

    private static Value quartile(Args a, boolean exclusive) {
        double q = Math.floor(a.number(1));
        if (exclusive ? (q <= 0 || q >= 4) : (q < 0 || q > 4)) {
            return ErrorValue.NUM;
        }
        return percentile(Numbers.of(a.grid(0)), q / 4, exclusive);
    }

    private static Value rank(Args a, boolean average) {
        double x = a.number(0);
        double[] d = Numbers.of(a.grid(1));
        boolean ascending = a.number(2, 0) != 0;
        int before = 0;
        int equal = 0;
        for (double v : d) {
            if (v == x) {
                equal++;
            } else if (ascending ? v < x : v > x) {
                before++;
            }
        }
        if (equal == 0) {
            return ErrorValue.NA;
        }
        return Numbers.result(average ? before + (equal + 1) / 2.0 : before + 1);
    }

    private static Value percentRank(Args a, boolean exclusive) {
        double[] d = Numbers.of(a.grid(0));
        double x = a.number(1);
        int sig = a.integer(2, 3);
        if (d.length == 0 || sig < 1) {
            return ErrorValue.NUM;
        }
        Arrays.sort(d);
        int n = d.length;
        if (x < d[0] || x > d[n - 1]) {
            return ErrorValue.NA;
        }
        double rank;
        int lessCount = 0;
        while (lessCount < n && d[lessCount] < x) {
            lessCount++;
        }
        if (lessCount < n && d[lessCount] == x) {
            rank = exclusive ? (lessCount + 1.0) / (n + 1) : (n == 1 ? 1 : lessCount / (n - 1.0));
        } else {
            // interpolate between d[lessCount - 1] and d[lessCount]
            double lo = d[lessCount - 1];
            double hi = d[lessCount];
            double rlo = exclusive ? lessCount / (n + 1.0) : (lessCount - 1) / (n - 1.0);
            double rhi = exclusive ? (lessCount + 1.0) / (n + 1) : lessCount / (n - 1.0);
            rank = rlo + (x - lo) / (hi - lo) * (rhi - rlo);
        }
        double f = Math.pow(10, sig);
        return Numbers.result(Math.floor(rank * f + 1e-9) / f);
    }

    private static Value mode(Args a) {
        double[] d = Numbers.toArray(a, 0);
        Map<Double, Integer> counts = new HashMap<>();
        double best = 0;
        int bestCount = 1;
        for (double x : d) {
            int c = counts.merge(x, 1, Integer::sum);
            if (c > bestCount) {
                bestCount = c;
                best = x;
            }
        }
        if (bestCount < 2) {
            return ErrorValue.NA;
        }
        // the first value (in order) that reaches the highest count
        for (double x : d) {
            if (counts.get(x) == bestCount) {
                return NumberValue.of(x);
            }
        }
        return NumberValue.of(best);
    }

    private enum Stat {
        CORREL,
        RSQ,
        COVAR_P,
        COVAR_S,
        SLOPE,
        INTERCEPT,
        STEYX
    }

    /** Pairs of numbers at the same positions of two equally sized grids (others skipped). */
    private static double[][] pairs(Grid ys, Grid xs) {
        if (ys.rows() * ys.cols() != xs.rows() * xs.cols()) {
            throw FormulaError.of(ErrorValue.NA);
        }
        Numbers.DoubleBuffer bx = new Numbers.DoubleBuffer();
        Numbers.DoubleBuffer by = new Numbers.DoubleBuffer();
        int n = ys.rows() * ys.cols();
        for (int i = 0; i < n; i++) {
            Value y = ys.get(i / ys.cols(), i % ys.cols());
            Value x = xs.get(i / xs.cols(), i % xs.cols());
            if (y instanceof ErrorValue e) {
                throw FormulaError.of(e);
            }
            if (x instanceof ErrorValue e) {
                throw FormulaError.of(e);
            }
            if (y instanceof NumberValue ny && x instanceof NumberValue nx) {
                by.add(ny.value());
                bx.add(nx.value());
            }
        }
        return new double[][] {by.toArray(), bx.toArray()};
    }

    private static Value regression(Args a, Stat stat) {
        // CORREL, RSQ, COVAR: (array1, array2); SLOPE, INTERCEPT, STEYX: (known_y, known_x)
        double[][] p = pairs(a.grid(0), a.grid(1));
        return regression(p[0], p[1], stat);
    }

    private static Value regression(double[] y, double[] x, Stat stat) {
        int n = y.length;
        if (n == 0 || (stat == Stat.COVAR_S && n < 2) || (stat == Stat.STEYX && n < 3)) {
            return stat == Stat.COVAR_P || stat == Stat.COVAR_S ? ErrorValue.DIV0 : ErrorValue.DIV0;
        }
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return switch (stat) {
            case COVAR_P -> Numbers.result(sxy / n);
            case COVAR_S -> Numbers.result(sxy / (n - 1));
            case CORREL -> sxx == 0 || syy == 0 ? ErrorValue.DIV0 : Numbers.result(sxy / Math.sqrt(sxx * syy));
            case RSQ -> sxx == 0 || syy == 0 ? ErrorValue.DIV0 : Numbers.result(sxy * sxy / (sxx * syy));
            case SLOPE -> sxx == 0 ? ErrorValue.DIV0 : Numbers.result(sxy / sxx);
            case INTERCEPT -> sxx == 0 ? ErrorValue.DIV0 : Numbers.result(my - sxy / sxx * mx);
            case STEYX -> sxx == 0 ? ErrorValue.DIV0 : Numbers.result(Math.sqrt((syy - sxy * sxy / sxx) / (n - 2)));
        };
    }

    private static Value forecast(Args a) {
        double x = a.number(0);
        double[][] p = pairs(a.grid(1), a.grid(2));
        Value slope = regression(p[0], p[1], Stat.SLOPE);
        if (slope instanceof ErrorValue) {
            return slope;
        }
        Value icpt = regression(p[0], p[1], Stat.INTERCEPT);
        return Numbers.result(((NumberValue) icpt).value() + ((NumberValue) slope).value() * x);
    }

    /** TREND for one new x (the first of new_x): the engine has no spilled arrays yet. */
    private static Value trend(Args a) {
        Grid ys = a.grid(0);
        Grid xs;
        if (a.isMissing(1)) {
            Value[][] seq = new Value[ys.rows()][ys.cols()];
            for (int i = 0; i < ys.rows() * ys.cols(); i++) {
                seq[i / ys.cols()][i % ys.cols()] = NumberValue.of(i + 1);
            }
            xs = Grid.of(seq);
        } else {
            xs = a.grid(1);
        }
        double[][] p = pairs(ys, xs);
        double x = a.isMissing(2) ? p[1][0] : Args.Coerce.number(a.grid(2).get(0, 0));
        boolean constant = a.bool(3, true);
        double slope;
        double icpt;
        if (constant) {
            Value s = regression(p[0], p[1], Stat.SLOPE);
            if (s instanceof ErrorValue) {
                return s;
            }
            slope = ((NumberValue) s).value();
            icpt = ((NumberValue) regression(p[0], p[1], Stat.INTERCEPT)).value();
        } else {
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < p[0].length; i++) {
                sxy += p[1][i] * p[0][i];
                sxx += p[1][i] * p[1][i];
            }
            if (sxx == 0) {
                return ErrorValue.DIV0;
            }
            slope = sxy / sxx;
            icpt = 0;
        }
        return Numbers.result(icpt + slope * x);
    }

    /** The standard normal cumulative distribution (erfc-based, ~1e-15 relative). */
    static double phi(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** Complementary error function (W. J. Cody's rational approximations via Numerical Recipes erfc). */
    static double erfc(double x) {
        double z = Math.abs(x);
        if (z < 0.5) {
            // series for erf near 0 is more accurate here
            double t = x * x;
            double sum = x;
            double term = x;
            for (int n = 1; n < 60; n++) {
                term *= -t / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        // continued fraction (Lentz) for erfc(z), z >= 0.5
        double tiny = 1e-300;
        double f = z;
        double c = z;
        double d = 0;
        // erfc(z) = exp(-z^2)/sqrt(pi) * 1/(z + 1/2/(z + 1/(z + 3/2/(z + 2/(z + ...)))))
        double b = z;
        f = b;
        c = b;
        d = 0;
        for (int i = 1; i < 500; i++) {
            double an = i / 2.0;
            d = b + an * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        double r = Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
        return x < 0 ? 2 - r : r;
    }

    private static Value normDist(double x, double mu, double sd, boolean cumulative) {
        if (sd <= 0) {
            return ErrorValue.NUM;
        }
        double z = (x - mu) / sd;
        if (cumulative) {
            return Numbers.result(phi(z));
        }
        return Numbers.result(Math.exp(-z * z / 2) / (sd * Math.sqrt(2 * Math.PI)));
    }

    /** Inverse normal: Acklam's approximation refined by two Newton steps on phi. */
    static Value normInv(double p, double mu, double sd) {
        if (p <= 0 || p >= 1 || sd <= 0) {
            return ErrorValue.NUM;
        }
        double[] a = {
            -3.969683028665376e+01,
            2.209460984245205e+02,
            -2.759285104469687e+02,
            1.383577518672690e+02,
            -3.066479806614716e+01,
            2.506628277459239e+00
        };
        double[] b = {
            -5.447609879822406e+01,
            1.615858368580409e+02,
            -1.556989798598866e+02,
            6.680131188771972e+01,
            -1.328068155288572e+01
        };
        double[] c = {
            -7.784894002430293e-03,
            -3.223964580411365e-01,
            -2.400758277161838e+00,
            -2.549732539343734e+00,
            4.374664141464968e+00,
            2.938163982698783e+00
        };
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double q;
        double x;
        if (p < 0.02425) {
            q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p <= 1 - 0.02425) {
            q = p - 0.5;
            double r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
                    * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        } else {
            q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        for (int i = 0; i < 2; i++) {
            double e = phi(x) - p;
            double u = e * Math.sqrt(2 * Math.PI) * Math.exp(x * x / 2);
            x = x - u / (1 + x * u / 2);
        }
        return Numbers.result(mu + sd * x);
    }

    private static Value expon(Args a) {
        double x = a.number(0);
        double lambda = a.number(1);
        if (x < 0 || lambda <= 0) {
            return ErrorValue.NUM;
        }
        return Numbers.result(a.bool(2) ? 1 - Math.exp(-lambda * x) : lambda * Math.exp(-lambda * x));
    }

    private static Value binom(Args a) {
        double k = Math.floor(a.number(0));
        double n = Math.floor(a.number(1));
        double p = a.number(2);
        boolean cumulative = a.bool(3);
        if (k < 0 || k > n || p < 0 || p > 1) {
            return ErrorValue.NUM;
        }
        if (!cumulative) {
            return Numbers.result(binomPmf(k, n, p));
        }
        double s = 0;
        for (int i = 0; i <= k; i++) {
            s += binomPmf(i, n, p);
        }
        return Numbers.result(Math.min(1, s));
    }

    private static double binomPmf(double k, double n, double p) {
        if (p == 0) {
            return k == 0 ? 1 : 0;
        }
        if (p == 1) {
            return k == n ? 1 : 0;
        }
        double lc = lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
        return Math.exp(lc + k * Math.log(p) + (n - k) * Math.log(1 - p));
    }

    private static Value poisson(Args a) {
        double k = Math.floor(a.number(0));
        double mean = a.number(1);
        if (k < 0 || mean < 0) {
            return ErrorValue.NUM;
        }
        if (!a.bool(2)) {
            return Numbers.result(Math.exp(k * Math.log(mean) - mean - lnGamma(k + 1)));
        }
        double s = 0;
        double term = Math.exp(-mean);
        for (int i = 0; i <= k; i++) {
            if (i > 0) {
                term *= mean / i;
            }
            s += term;
        }
        return Numbers.result(s);
    }

    private static Value confidence(Args a) {
        double alpha = a.number(0);
        double sd = a.number(1);
        double n = Math.floor(a.number(2));
        if (alpha <= 0 || alpha >= 1 || sd <= 0 || n < 1) {
            return ErrorValue.NUM;
        }
        double z = ((NumberValue) normInv(1 - alpha / 2, 0, 1)).value();
        return Numbers.result(z * sd / Math.sqrt(n));
    }

    /** ln Γ(x) for x > 0 (Lanczos, g=7, n=9). */
    static double lnGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
        }
        double[] g = {
            0.99999999999980993,
            676.5203681218851,
            -1259.1392167224028,
            771.32342877765313,
            -176.61502916214059,
            12.507343278686905,
            -0.13857109526572012,
            9.9843695780195716e-6,
            1.5056327351493116e-7
        };
        x -= 1;
        double s = g[0];
        for (int i = 1; i < 9; i++) {
            s += g[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
    }

    static double gamma(double x) {
        if (x < 0.5) {
            return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
        }
        return Math.exp(lnGamma(x));
    }
}
