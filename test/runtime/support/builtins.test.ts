// dateFormat follows Java's SimpleDateFormat/DateTimeFormatter quoting: the cases are the documented examples of
// java.text.SimpleDateFormat (restricted to the letters .flow supports), evaluated at 2001-07-04T12:08:56.235Z.
import test from "ava";
import { dateFormat } from "../../../runtime/support/builtins.js";

const JULY_4 = Date.UTC(2001, 6, 4, 12, 8, 56, 235);

test("dateFormat: the ISO pattern with a quoted T (SimpleDateFormat's \"yyyy-MM-dd'T'HH:mm:ss.SSSZ\" without the zone)", (t) => {
  t.is(dateFormat(JULY_4, "yyyy-MM-dd'T'HH:mm:ss.SSS"), "2001-07-04T12:08:56.235");
});

test("dateFormat: quoted words are copied, letters inside them are not fields (\"yyyy.MM.dd 'at' HH:mm:ss\")", (t) => {
  t.is(dateFormat(JULY_4, "yyyy.MM.dd 'at' HH:mm:ss"), "2001.07.04 at 12:08:56");
  t.is(dateFormat(JULY_4, "'yyyy' yyyy"), "yyyy 2001");
});

test("dateFormat: '' is one quote, outside quotes (\"''yyyy\") and inside them (\"'o''clock'\")", (t) => {
  t.is(dateFormat(JULY_4, "''yyyy"), "'2001");
  t.is(dateFormat(JULY_4, "HH 'o''clock'"), "12 o'clock");
  t.is(dateFormat(JULY_4, "''"), "'");
});

test("dateFormat: an unterminated quote takes the rest of the pattern literally", (t) => {
  t.is(dateFormat(JULY_4, "yyyy 'at HH"), "2001 at HH");
});

test("dateFormat: patterns without quotes are unchanged (fields, separators, adjacent fields)", (t) => {
  t.is(dateFormat(JULY_4, "yyyyMMddHHmmss"), "20010704120856");
  t.is(dateFormat(0, "yyyy-MM-dd HH:mm:ss.SSS"), "1970-01-01 00:00:00.000");
});
