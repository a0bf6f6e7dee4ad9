"""What the import tells the user. Tests import these so the words stay in step."""

FILE_NOT_FOUND = "{file}: no such file. Check the path and try again."
FILE_TYPE = (
    "{file}: files ending {suffix} cannot be imported. Save the sheet as .xlsx, .csv, "
    ".tsv or tab-separated .txt and import that."
)
ENCODING_UNKNOWN = "{file}: '{encoding}' is not a text encoding Python knows (try utf-8 or cp1252)."
ENCODING_WRONG = (
    "{file}: the file is not valid {encoding} (byte {position}). Leave out --encoding to have it "
    "detected, or give the encoding the file was saved in."
)
ENCODING_UNDETECTED = "{file}: cannot tell how the text is encoded. Give it with --encoding."
CSV_BROKEN = "{file}, row {row}: the file is not valid CSV ({error}). Re-save it from Excel."
XLSX_BROKEN = "{file}: cannot be opened as an Excel workbook ({error}). Re-save it as .xlsx."
SHEET_MISSING = "{file}: there is no sheet called '{sheet}'. The sheets are: {sheets}."

NO_HEADER = (
    "{file}: no header row found in the first {rows} rows. Expected a row naming columns such "
    "as 'Action ID', 'Action', 'Timescales', 'RAG'. Add one, or name the columns with "
    "--map COLUMN=FIELD."
)
MAP_BAD_FORM = "--map {item!r}: write it as COLUMN=FIELD, for example --map 'Ref No=ref'."
MAP_UNKNOWN_FIELD = "--map {item!r}: '{field}' is not a field. Fields: {fields}."
MAP_UNKNOWN_COLUMN = "--map {item!r}: {file} has no column headed '{column}'. Columns: {columns}."
NO_TITLE_COLUMN = (
    "{file}, row {row}: no column holds the action's title. Name it with --map COLUMN=title."
)
DUPLICATE_COLUMN = (
    "{file}, row {row}, columns {first} and {second}: both read as '{field}'. Rename one, or "
    "say which to use with --map."
)
BARE_UPDATE_COLUMN = (
    "{file}, row {row}, column {column}: an update column must name its period, like "
    "'December 2023 Update'. Rename the column or map it with --map '{header}=update:LABEL'."
)

MISSING_REF = (
    "{file}, row {row}, column {column}: this action has no reference. Give every action "
    "an Action ID, or remove the column to have references generated."
)
DUPLICATE_REF = (
    "{file}, row {row}, column {column}: reference {ref} is used again (first on row {first}). "
    "References must be unique in a plan."
)
DUPLICATE_TITLE = (
    "{file}, row {row}, column {column}: the action '{title}' appears again (first on row "
    "{first}). Without an Action ID column, actions are matched by title, so titles must be "
    "unique. Add an Action ID column or make the titles differ."
)
BAD_VALUE = "{file}, row {row}, column {column} ({header}): {problem}."

NEW_PLAN_NEEDS_ORGANISATION = (
    "Plan '{plan}' does not exist yet. Say which organisation it belongs to with "
    "--organisation NAME."
)
NO_ACTIONS = "{file}: no action rows found under the header on row {row}."
DATABASE_REFUSED = (
    "{file}: the database refused a value ({error}). Nothing was written. Look for a very long "
    "text or number in the file, shorten it and import again."
)

UPDATE_KEPT = (
    "{ref} ({period}): the file's update was not imported because the update in Plan Tracker "
    "is {status}. An import never changes a submitted, approved or published update; ask the "
    "approver to return it if it must change."
)
NEWER_KEPT = (
    "{ref} {field}: kept as it is. It was changed in Plan Tracker on {changed}, after this "
    "file was exported ({exported}); the file would {verb} it ({current} → {file}). To take "
    "the file's value, import with 'Overwrite values changed since the export' ticked "
    "(--overwrite-newer on the command line)."
)
NEWER_OVERWRITTEN = (
    "{ref} {field}: changed in Plan Tracker on {changed}, after this file was exported "
    "({exported}); the file's value replaces it, as asked ({current} → {file})."
)
CUT_TEXT_KEPT = (
    "{ref} {field}: kept as it is. The file's text ends with the note the Excel export adds "
    "when a text is too long for a cell (32,767 characters), so it is not the whole text. "
    "Change a long text on its page, or import the csv download, which has it whole."
)
UPDATE_NO_TEXT = (
    "the {period} {what} is {value!r} but the {period} update is blank: no update was created "
    "(a blank update cell never creates one). Write the update to record it."
)
UPDATE_SAVED_MEANWHILE = (
    "{ref} ({period}): the file's update was not imported because someone saved the update "
    "while the file was being imported. Check it on its page, then import again if needed."
)
VALUE_UNREADABLE = (
    "{file}: a value could not be read ({error}). Nothing was written. Check the file's dates "
    "and numbers, correct the value and import again."
)

# A row with only its first cell filled that does not read like a heading: a finding, not a theme.
NOT_A_HEADING = (
    "{file}, row {row} holds only {text!r} in column {column}; not taken as a theme, the "
    "actions below stay under {theme!r}"
)
NOT_A_HEADING_NO_THEME = (
    "{file}, row {row} holds only {text!r} in column {column}; not taken as a theme, the "
    "actions below have no theme until the next heading"
)
NUMBERED_SECTION = (
    "{file}, row {row} holds only {number!r} in column {number_column} and {title!r} in column "
    "{title_column}; read as the theme {theme!r} of the actions below it, not as an action"
)
