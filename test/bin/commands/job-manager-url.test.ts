// Which JobManager the client commands talk to, and which addresses are refused as usage errors.
import test from "ava";
import { ClientUsageError } from "../../../bin/commands/client-errors.js";
import { jobManagerUrl } from "../../../bin/commands/job-manager-url.js";

test("--jobmanager wins over EDDY_JOBMANAGER, which wins over Flink's default port on this machine", (t) => {
  t.is(jobManagerUrl("http://jm:9000/", { EDDY_JOBMANAGER: "http://other:1" }), "http://jm:9000");
  t.is(jobManagerUrl(undefined, { EDDY_JOBMANAGER: "http://other:1" }), "http://other:1");
  t.is(jobManagerUrl(undefined, {}), "http://127.0.0.1:8081");
  t.is(jobManagerUrl(undefined, { EDDY_JOBMANAGER: "" }), "http://127.0.0.1:8081", "an empty variable is unset");
});

test("host:port (Flink's -m form) is read as http; a path prefix is kept", (t) => {
  t.is(jobManagerUrl("127.0.0.1:8082", {}), "http://127.0.0.1:8082");
  t.is(jobManagerUrl("https://gateway.example/flink/", {}), "https://gateway.example/flink");
});

test("what is not an http(s) URL is a usage error naming where it came from", (t) => {
  t.throws(() => jobManagerUrl("ftp://jm", {}), { instanceOf: ClientUsageError, message: /^--jobmanager ftp:\/\/jm: .*http:\/\/ or https:\/\// });
  t.throws(() => jobManagerUrl(undefined, { EDDY_JOBMANAGER: "http://[bad" }), { instanceOf: ClientUsageError, message: /^EDDY_JOBMANAGER http:\/\/\[bad: not a URL/ });
});
