package io.ledgerflow.formula.function.text;

import io.ledgerflow.formula.function.date.Serials;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A subset of Excel number formats for TEXT: digit placeholders {@code 0 # ,} with decimals,
 * percent, scientific {@code 0.00E+00}, literal prefixes/suffixes (quoted or $), and date/time
 * codes {@code yyyy yy mmmm mmm mm m dddd ddd dd d hh h mm ss AM/PM}.
 */
final class TextFormat {

    private TextFormat() {}

    static String format(double x, String fmt) {
        return format(x, fmt, false);
    }

    /** TEXT's format; a date format reads {@code x} as a serial of the 1904 date system when asked. */
    static String format(double x, String fmt, boolean date1904) {
        if (fmt.isEmpty()) {
            return "";
        }
        // date codes count only outside quoted text and escapes: 0 "units" is a number format
        String lower = fmt.replaceAll("\"[^\"]*\"?|\\\\.", "").toLowerCase(Locale.ROOT);
        if (fmt.equalsIgnoreCase("General")) {
            return io.ledgerflow.formula.value.Values.formatNumber(x);
        }
        if (lower.matches(".*[ydhs].*") || lower.matches("^[^0#]*m+[^0#]*$")) {
            return date(date1904 && x >= 0 ? x + 1462 : x, fmt);
        }
        return number(x, fmt);
    }

    static String fixed(double x, int decimals, boolean commas) {
        BigDecimal bd = BigDecimal.valueOf(x).setScale(Math.max(decimals, -15), RoundingMode.HALF_UP);
        if (decimals < 0) {
            bd = bd.setScale(0, RoundingMode.HALF_UP);
        }
        String plain = bd.abs().toPlainString();
        String intPart = plain.contains(".") ? plain.substring(0, plain.indexOf('.')) : plain;
        String frac = plain.contains(".") ? plain.substring(plain.indexOf('.')) : "";
        if (commas) {
            intPart = group(intPart);
        }
        return (bd.signum() < 0 ? "-" : "") + intPart + frac;
    }

    private static String group(String digits) {
        StringBuilder sb = new StringBuilder();
        int n = digits.length();
        for (int i = 0; i < n; i++) {
            sb.append(digits.charAt(i));
            int left = n - 1 - i;
            if (left > 0 && left % 3 == 0) {
                sb.append(',');
            }
        }
        return sb.toString();
    }

    private static String number(double x, String fmt) {
        String[] sections = fmt.split(";", -1);
        String f = sections[0];
        boolean negSection = false;
        if (x < 0 && sections.length > 1) {
            f = sections[1];
            negSection = true;
            x = -x;
        } else if (x == 0 && sections.length > 2) {
            f = sections[2];
        }
        StringBuilder prefix = new StringBuilder();
        StringBuilder suffix = new StringBuilder();
        StringBuilder core = new StringBuilder();
        int i = 0;
        boolean inCore = false;
        boolean coreDone = false;
        while (i < f.length()) {
            char c = f.charAt(i);
            if (c == '"') {
                int j = f.indexOf('"', i + 1);
                String lit = j < 0 ? f.substring(i + 1) : f.substring(i + 1, j);
                (inCore || coreDone ? suffix : prefix).append(lit);
                i = j < 0 ? f.length() : j + 1;
                if (inCore) {
                    inCore = false;
                    coreDone = true;
                }
                continue;
            }
            if (c == '\\' && i + 1 < f.length()) {
                (inCore || coreDone ? suffix : prefix).append(f.charAt(i + 1));
                i += 2;
                continue;
            }
            if (!coreDone
                    && (c == '0'
                            || c == '#'
                            || c == '?'
                            || c == ','
                            || c == '.'
                            || (inCore && (c == 'E' || c == 'e' || c == '+' || c == '-')))) {
                inCore = true;
                core.append(c);
            } else {
                if (inCore) {
                    inCore = false;
                    coreDone = true;
                }
                (coreDone ? suffix : prefix).append(c);
            }
            i++;
        }
        String p = prefix.toString();
        String s = suffix.toString();
        int percents = count(p + s, '%');
        for (int k = 0; k < percents; k++) {
            x *= 100;
        }
        String c = core.toString();
        String body;
        int e = c.toUpperCase(Locale.ROOT).indexOf('E');
        if (e >= 0) {
            String mant = c.substring(0, e);
            int dec = mant.contains(".") ? mant.length() - mant.indexOf('.') - 1 : 0;
            String out = String.format(Locale.ROOT, "%." + dec + "E", Math.abs(x));
            int ei = out.indexOf('E');
            int exp = Integer.parseInt(out.substring(ei + 1));
            int expDigits = Math.max(2, c.length() - e - 2);
            body = out.substring(0, ei) + "E" + (exp < 0 ? "-" : "+")
                    + String.format("%0" + expDigits + "d", Math.abs(exp));
        } else {
            // trailing commas scale by 1000
            while (c.endsWith(",")) {
                x /= 1000;
                c = c.substring(0, c.length() - 1);
            }
            boolean commas = c.contains(",");
            String intPat = c.contains(".") ? c.substring(0, c.indexOf('.')) : c;
            String fracPat = c.contains(".") ? c.substring(c.indexOf('.') + 1) : "";
            int minFrac = count(fracPat, '0');
            int maxFrac = fracPat.length();
            int minInt = count(intPat, '0');
            BigDecimal bd = BigDecimal.valueOf(Math.abs(x)).setScale(maxFrac, RoundingMode.HALF_UP);
            String plain = bd.toPlainString();
            String ip = plain.contains(".") ? plain.substring(0, plain.indexOf('.')) : plain;
            String fp = plain.contains(".") ? plain.substring(plain.indexOf('.') + 1) : "";
            while (fp.length() > minFrac && fp.endsWith("0")) {
                fp = fp.substring(0, fp.length() - 1);
            }
            if (ip.equals("0") && minInt == 0) {
                ip = "";
            }
            while (ip.length() < minInt) {
                ip = "0" + ip;
            }
            if (commas) {
                ip = group(ip);
            }
            body = ip + (c.contains(".") && (!fp.isEmpty() || fracPat.length() > 0) ? "." + fp : "");
            if (fp.isEmpty() && minFrac == 0 && c.contains(".")) {
                body = ip + ".";
            }
        }
        boolean negative = x < 0 && !negSection && !isZero(body);
        return (negative ? "-" : "") + p + body + s;
    }

    private static boolean isZero(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    private static int count(String s, char ch) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ch) {
                n++;
            }
        }
        return n;
    }

    private static String date(double serial, String fmt) {
        if (!(serial >= 0 && serial < 2958466)) { // before 1900-01-00 or after 9999-12-31
            throw io.ledgerflow.formula.function.FormulaError.of(io.ledgerflow.formula.value.ErrorValue.VALUE);
        }
        LocalDate d = Serials.toDate(Math.floor(serial));
        double frac = serial - Math.floor(serial);
        long secs = Math.round(frac * 86400);
        int hour = (int) (secs / 3600);
        int minute = (int) (secs / 60 % 60);
        int second = (int) (secs % 60);
        boolean ampm = fmt.toUpperCase(Locale.ROOT).contains("AM/PM");
        StringBuilder sb = new StringBuilder();
        int i = 0;
        boolean lastWasHour = false;
        while (i < fmt.length()) {
            char c = fmt.charAt(i);
            char lc = Character.toLowerCase(c);
            int run = 1;
            while (i + run < fmt.length() && Character.toLowerCase(fmt.charAt(i + run)) == lc) {
                run++;
            }
            if (c == '"') {
                int j = fmt.indexOf('"', i + 1);
                sb.append(j < 0 ? fmt.substring(i + 1) : fmt.substring(i + 1, j));
                i = j < 0 ? fmt.length() : j + 1;
                continue;
            }
            if (c == '\\' && i + 1 < fmt.length()) {
                sb.append(fmt.charAt(i + 1));
                i += 2;
                continue;
            }
            if (fmt.regionMatches(true, i, "AM/PM", 0, 5)) {
                sb.append(hour < 12 ? "AM" : "PM");
                i += 5;
                continue;
            }
            switch (lc) {
                case 'y' ->
                    sb.append(run <= 2 ? String.format("%02d", d.getYear() % 100) : String.valueOf(d.getYear()));
                case 'm' -> {
                    boolean minutes = lastWasHour || nextIsSeconds(fmt, i + run);
                    if (minutes) {
                        sb.append(run >= 2 ? String.format("%02d", minute) : String.valueOf(minute));
                    } else if (run >= 5) {
                        sb.append(d.getMonth().getDisplayName(TextStyle.NARROW, Locale.ENGLISH));
                    } else if (run == 4) {
                        sb.append(d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                    } else if (run == 3) {
                        sb.append(d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                    } else {
                        sb.append(
                                run == 2
                                        ? String.format("%02d", d.getMonthValue())
                                        : String.valueOf(d.getMonthValue()));
                    }
                }
                case 'd' -> {
                    if (run >= 4) {
                        sb.append(d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                    } else if (run == 3) {
                        sb.append(d.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                    } else {
                        sb.append(
                                run == 2
                                        ? String.format("%02d", d.getDayOfMonth())
                                        : String.valueOf(d.getDayOfMonth()));
                    }
                }
                case 'h' -> {
                    int h = ampm ? (hour % 12 == 0 ? 12 : hour % 12) : hour;
                    sb.append(run >= 2 ? String.format("%02d", h) : String.valueOf(h));
                }
                case 's' -> sb.append(run >= 2 ? String.format("%02d", second) : String.valueOf(second));
                default -> sb.append(String.valueOf(c).repeat(run));
            }
            if (lc != ':' && lc != ' ') {
                lastWasHour = lc == 'h';
            }
            i += run;
        }
        return sb.toString();
    }

    private static boolean nextIsSeconds(String fmt, int from) {
        for (int i = from; i < fmt.length(); i++) {
            char c = Character.toLowerCase(fmt.charAt(i));
            if (c == 's') {
                return true;
            }
            if (Character.isLetter(c)) {
                return false;
            }
        }
        return false;
    }
}
