// --define KEY=VALUE: the value is everything after the first `=`; what is not KEY=VALUE is refused with a reason.
import test from "ava";
import { addDefine, DefineError } from "../../../bin/sql/parse-define.js";

test("KEY=VALUE adds a value; the first `=` separates, so values may contain `=`; the last of a key wins", (t) => {
  let defines = addDefine("TPS=10000");
  defines = addDefine("URL=a=b", defines);
  defines = addDefine("TPS=5", defines);
  defines = addDefine("EMPTY=", defines);
  t.deepEqual(defines, { TPS: "5", URL: "a=b", EMPTY: "" });
});

test("no `=` or a key that no placeholder can name is an error that says what is expected", (t) => {
  t.throws(() => addDefine("TPS"), { instanceOf: DefineError, message: /expected KEY=VALUE, got `TPS`/ });
  t.throws(() => addDefine("1X=2"), { instanceOf: DefineError, message: /`1X` is not a placeholder name/ });
  t.throws(() => addDefine("=2"), { instanceOf: DefineError, message: /`` is not a placeholder name/ });
});
