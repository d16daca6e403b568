// `edgeguard keys hash <key>` prints the SHA-256 a config file stores; `keys new` makes a key and shows it once.
import { generateApiKey, parseApiKey, sha256Hex } from "../shared/auth/api-key";
import { parseArgs, stringFlag } from "./args";

export async function runKeysCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  const [action, value] = parsed.positional;
  if (action === "hash" && value) {
    if (!parseApiKey(value).ok) process.stderr.write("warning: this is not an eg_<keyId>_<secret> key; hashing it anyway\n");
    process.stdout.write((await sha256Hex(value)) + "\n");
    return 0;
  }
  if (action === "new") {
    const { key, keyId } = generateApiKey({ keyId: stringFlag(parsed, "id") });
    process.stdout.write(JSON.stringify({ key, keyId, sha256: await sha256Hex(key) }, null, 2) + "\n");
    process.stderr.write("Store the key now: only its sha256 goes in the config, and it cannot be shown again.\n");
    return 0;
  }
  process.stderr.write("usage: edgeguard keys hash <key> | edgeguard keys new [--id ID]\n");
  return 2;
}
