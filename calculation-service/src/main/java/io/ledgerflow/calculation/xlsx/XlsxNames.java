package io.ledgerflow.calculation.xlsx;

import io.ledgerflow.calculation.document.DefinedName;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.xssf.usermodel.XSSFName;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTDefinedName;

/**
 * Defined names in and out of a file: workbook-level ones, and sheet-scoped ones (a
 * {@code definedName} with {@code localSheetId}, the index of its sheet). Excel's own names
 * ({@code _xlnm.Print_Area}, {@code _xlnm._FilterDatabase}, ...) are print and filter settings, not
 * formulas: they are left out.
 */
final class XlsxNames {

    /** A name of the file that was not imported, and why. */
    public record Skipped(String name, String sheet, String formula, String reason) {}

    private XlsxNames() {}

    /** The file's names; those that cannot be defined go to {@code skipped}. */
    static List<DefinedName> read(XSSFWorkbook workbook, List<Skipped> skipped) {
        List<DefinedName> names = new ArrayList<>();
        for (Name name : workbook.getAllNames()) {
            String spelling = name.getNameName();
            if (spelling == null || spelling.startsWith("_xlnm.") || name.isFunctionName()) {
                continue;
            }
            String sheet = name.getSheetIndex() >= 0 && name.getSheetIndex() < workbook.getNumberOfSheets()
                    ? workbook.getSheetName(name.getSheetIndex())
                    : null;
            String formula = refersTo(name);
            DefinedName defined = new DefinedName(spelling, sheet, formula == null ? null : "=" + formula);
            String problem = defined.problem();
            if (problem == null && formula.contains("#REF!")) {
                problem = "it refers to cells that were deleted (#REF!)";
            }
            if (problem != null) {
                skipped.add(new Skipped(spelling, sheet, formula, problem));
            } else {
                names.add(defined);
            }
        }
        return names;
    }

    private static String refersTo(Name name) {
        try {
            return name.getRefersToFormula();
        } catch (RuntimeException e) {
            return name instanceof XSSFName x ? definition(x).getStringValue() : null;
        }
    }

    /**
     * The XML element of a name. POI keeps its accessor protected; its own parser refuses formulas it
     * does not know (LAMBDA's parameters, functions newer than it), which are read and written as text.
     */
    private static CTDefinedName definition(XSSFName name) {
        try {
            Method accessor = XSSFName.class.getDeclaredMethod("getCTName");
            accessor.setAccessible(true);
            return (CTDefinedName) accessor.invoke(name);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("POI's XSSFName changed: " + e, e);
        }
    }

    /** Writes names into a file whose sheets are already created. */
    static void write(XSSFWorkbook workbook, List<DefinedName> names) {
        for (DefinedName defined : names) {
            XSSFName name = workbook.createName();
            if (defined.sheet() != null) {
                name.setSheetIndex(workbook.getSheetIndex(defined.sheet()));
            }
            name.setNameName(defined.name());
            String formula =
                    defined.formula().startsWith("=") ? defined.formula().substring(1) : defined.formula();
            formula = XlsxFiles.stored(formula);
            try {
                name.setRefersToFormula(formula);
            } catch (RuntimeException e) {
                // POI's parser does not know every function the engine does (LAMBDA, ...): the text as it is
                definition(name).setStringValue(formula);
            }
        }
    }
}
