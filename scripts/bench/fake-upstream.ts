// The benchmark's model provider: the test fake on loopback, in its own process so it does not share a CPU queue
// with the client. Prints its port on stdout.
import { startFakeProvider } from "../../test/support/fake-provider";

const fake = await startFakeProvider();
fake.requests.length = 0;
// The fake keeps a request log for tests; a benchmark would grow it without bound, so drop it on each push.
fake.requests.push = () => 0;
process.stdout.write(`${new URL(fake.url).port}\n`);
