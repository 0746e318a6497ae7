package org.projectspark.school.api;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.projectspark.platform.error.InvalidRequestException;
import org.projectspark.platform.http.ApiPatterns;
import org.projectspark.school.service.RosterRow;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a roster CSV as spreadsheets write it: a header line naming {@code username} and {@code display_name}
 * (optionally {@code password} and {@code locale}), then one student per line. A line that cannot be read or
 * holds a bad value becomes a refused row with the reason; only a file that cannot be a roster at all is
 * refused whole.
 */
final class RosterCsv {

    static final int MAX_ROWS = 1_000;

    /** One line's values, checked with the same rules as self-registration. */
    record Line(@NotBlank(message = "username is empty") @Size(min = 3, max = 32, message = "username must be 3 to 32 characters")
                @Pattern(regexp = ApiPatterns.USERNAME, message = "username " + ApiPatterns.USERNAME_MESSAGE) String username,
                @NotBlank(message = "display_name is empty") @Size(max = 100, message = "display_name is longer than 100 characters") String displayName,
                @Size(min = 8, max = 128, message = "password must be 8 to 128 characters (or empty: the server makes one)") String password,
                @Pattern(regexp = ApiPatterns.LOCALE, message = "locale " + ApiPatterns.LOCALE_MESSAGE) String locale) {
    }

    private RosterCsv() {
    }

    static List<RosterRow> parse(String body, Validator validator) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("The roster is empty; send a CSV file with a header line: username,display_name[,password][,locale]");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setIgnoreHeaderCase(true).setAllowMissingColumnNames(true)
                // a column named twice is ambiguous: which one holds the username?
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY).get();
        CSVParser parser;
        try {
            parser = CSVParser.parse(new StringReader(body.startsWith("\uFEFF") ? body.substring(1) : body), format);
        } catch (IOException | RuntimeException e) {
            // the header line itself cannot be read: a quote opened and never closed, or a column named twice
            throw new InvalidRequestException("The roster's header line is not valid CSV: " + HEADER_EXPECTED
                    + ", each name at most once, quotes closed on the same line");
        }
        try (parser) {
            Map<String, Integer> header = new HashMap<>();
            for (Map.Entry<String, Integer> column : parser.getHeaderMap().entrySet()) {
                String name = column.getKey().toLowerCase(Locale.ROOT).replace(' ', '_');
                if (!name.isEmpty() && header.put(name, column.getValue()) != null) {
                    throw new InvalidRequestException("The roster's header line names the column " + shown(name) + " twice; name each column once");
                }
            }
            if (!header.containsKey("username") || !header.containsKey("display_name")) {
                throw new InvalidRequestException("The roster's header line must name the columns username and display_name"
                        + " (and optionally password and locale); it has: " + shown(String.join(",", parser.getHeaderNames())));
            }
            List<RosterRow> rows = new ArrayList<>();
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                long startLine = parser.getCurrentLineNumber() + 1;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (RuntimeException e) {
                    // Commons CSV reports a broken quote this way; the rest of the file cannot be split into lines
                    throw new InvalidRequestException("The roster is not valid CSV from line " + startLine
                            + " on: a quoted value is not closed, or text follows a closing quote; no student was imported");
                }
                if (rows.size() == MAX_ROWS) {
                    throw new InvalidRequestException("A roster holds at most " + MAX_ROWS + " students; split the file");
                }
                rows.add(row(record, header, validator));
            }
            if (rows.isEmpty()) {
                throw new InvalidRequestException("The roster has a header line but no students");
            }
            return rows;
        } catch (IOException e) {
            throw new InvalidRequestException("The roster could not be read as CSV; no student was imported");
        }
    }

    private static final String HEADER_EXPECTED = "send a header line such as username,display_name,password,locale";

    /** A header echoed back is cut short: it is the client's own text, possibly a whole unparsed file. */
    private static String shown(String header) {
        String oneLine = header.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }

    private static RosterRow row(CSVRecord record, Map<String, Integer> header, Validator validator) {
        int line = (int) record.getRecordNumber() + 1; // the header is line 1
        String username = value(record, header, "username");
        if (record.size() < header.size()) {
            return RosterRow.refused(line, username, "has " + record.size() + " values, the header names " + header.size());
        }
        Line values = new Line(username, value(record, header, "display_name"), value(record, header, "password"), value(record, header, "locale"));
        Optional<String> problem = validator.validate(values).stream().map(ConstraintViolation::getMessage).sorted(Comparator.naturalOrder())
                .reduce((a, b) -> a + "; " + b);
        if (problem.isPresent()) {
            return RosterRow.refused(line, username, problem.get());
        }
        return new RosterRow(line, values.username(), values.displayName(), values.password(), values.locale(), Optional.empty());
    }

    private static String value(CSVRecord record, Map<String, Integer> header, String column) {
        Integer index = header.get(column);
        if (index == null || index >= record.size()) {
            return null;
        }
        String v = record.get(index);
        return v == null || v.isEmpty() ? null : v;
    }
}
