// `edgeguard admin --url URL [--token TOKEN] <tenants|keys|policy|limits|usage> <action> [...]`: calls a gateway's admin
// API with fetch and prints the JSON answer. The token may come from EDGEGUARD_ADMIN_TOKEN instead of --token, so
// it stays out of shell history and `ps`. Exit codes: 0 ok, 1 HTTP or network error (body on stderr), 2 usage.
import { readFile } from "node:fs/promises";
import { parseArgs, stringFlag, type ParsedArgs } from "./args";

const USAGE = `usage: edgeguard admin --url URL [--token TOKEN | env EDGEGUARD_ADMIN_TOKEN] <command>
  tenants create <id> [--json JSON | --file FILE]     body: {"policy"?, "limits"?, "endUserAuth"?}
  tenants get <id>
  tenants delete <id>
  keys create <tenant> [--scopes chat,messages] [--models "gpt-*,claude-*"] [--max-tokens N] [--expires ISO]
  keys list <tenant>
  keys revoke|suspend|resume <tenant> <keyId>
  keys rotate <tenant> <keyId> [--grace-seconds N]
  policy get <tenant>
  policy put <tenant> (--json JSON | --file FILE)     the policy object itself
  policy rollback <tenant>
  limits put <tenant> (--json JSON | --file FILE)     the limits object itself
  usage get <tenant> [--from ISO] [--to ISO]          request/block/token summary (default: the last 24 h)`;

interface AdminCall {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
}

class UsageError extends Error {}

export async function runAdminCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  const url = stringFlag(parsed, "url");
  const token = stringFlag(parsed, "token") ?? process.env.EDGEGUARD_ADMIN_TOKEN;
  let call: AdminCall;
  try {
    if (!url || !token) throw new UsageError("--url and a token (--token or EDGEGUARD_ADMIN_TOKEN) are required");
    call = await callFor(parsed);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`edgeguard admin: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const response = await fetch(new URL(`/admin${call.path}`, url), {
    method: call.method,
    headers: { authorization: `Bearer ${token}`, ...(call.body === undefined ? {} : { "content-type": "application/json" }) },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const text = await response.text();
  const pretty = prettyJson(text);
  if (!response.ok) {
    process.stderr.write(`edgeguard admin: HTTP ${response.status}\n${pretty}\n`);
    return 1;
  }
  process.stdout.write(pretty + "\n");
  return 0;
}

async function callFor(parsed: ParsedArgs): Promise<AdminCall> {
  const [resource, action, first, second] = parsed.positional;
  const required = (value: string | undefined, what: string) => {
    if (!value) throw new UsageError(`missing ${what}`);
    return value;
  };
  const need = (value: string | undefined, what: string) => encodeURIComponent(required(value, what));
  switch (`${resource} ${action}`) {
    case "tenants create":
      return { method: "POST", path: "/tenants", body: { ...((await jsonInput(parsed, { optional: true })) as object), id: required(first, "tenant id") } };
    case "tenants get":
      return { method: "GET", path: `/tenants/${need(first, "tenant id")}` };
    case "tenants delete":
      return { method: "DELETE", path: `/tenants/${need(first, "tenant id")}` };
    case "keys create":
      return { method: "POST", path: `/tenants/${need(first, "tenant id")}/keys`, body: keySettings(parsed) };
    case "keys list":
      return { method: "GET", path: `/tenants/${need(first, "tenant id")}/keys` };
    case "keys revoke":
    case "keys suspend":
    case "keys resume":
      return { method: "POST", path: `/tenants/${need(first, "tenant id")}/keys/${need(second, "key id")}/${action}` };
    case "keys rotate": {
      const grace = stringFlag(parsed, "grace-seconds");
      return {
        method: "POST",
        path: `/tenants/${need(first, "tenant id")}/keys/${need(second, "key id")}/rotate`,
        body: grace === undefined ? {} : { graceSeconds: integer(grace, "--grace-seconds") },
      };
    }
    case "policy get":
      return { method: "GET", path: `/tenants/${need(first, "tenant id")}/policy` };
    case "policy put":
      return { method: "PUT", path: `/tenants/${need(first, "tenant id")}/policy`, body: { policy: await jsonInput(parsed) } };
    case "policy rollback":
      return { method: "POST", path: `/tenants/${need(first, "tenant id")}/policy/rollback` };
    case "limits put":
      return { method: "PUT", path: `/tenants/${need(first, "tenant id")}/limits`, body: { limits: await jsonInput(parsed) } };
    case "usage get": {
      const query = new URLSearchParams();
      for (const name of ["from", "to"]) {
        const value = stringFlag(parsed, name);
        if (value !== undefined) query.set(name, value);
      }
      const search = query.size ? `?${query}` : "";
      return { method: "GET", path: `/tenants/${need(first, "tenant id")}/usage${search}` };
    }
    default:
      throw new UsageError(`unknown command "${[resource, action].filter(Boolean).join(" ")}"`);
  }
}

function keySettings(parsed: ParsedArgs): Record<string, unknown> {
  const list = (name: string) => stringFlag(parsed, name)?.split(",").map((s) => s.trim()).filter(Boolean);
  const maxTokens = stringFlag(parsed, "max-tokens");
  const settings: Record<string, unknown> = {
    scopes: list("scopes"),
    models: list("models"),
    maxTokens: maxTokens === undefined ? undefined : integer(maxTokens, "--max-tokens"),
    expiresAt: stringFlag(parsed, "expires"),
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

async function jsonInput(parsed: ParsedArgs, options: { optional?: boolean } = {}): Promise<unknown> {
  const inline = stringFlag(parsed, "json");
  const file = stringFlag(parsed, "file");
  if (inline === undefined && file === undefined) {
    if (options.optional) return {};
    throw new UsageError("give the JSON with --json JSON or --file FILE");
  }
  const text = inline ?? (await readFile(file!, "utf8"));
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${inline !== undefined ? "--json" : file} is not valid JSON`);
  }
}

function integer(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number`);
  return Number(value);
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
