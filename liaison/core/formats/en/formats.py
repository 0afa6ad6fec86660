"""English dates as the United Nations write them ("1 March 2027", not "March 1, 2027"): a date or
datetime shown without a filter follows the same style as core/dates.py. Input formats are Django's."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
