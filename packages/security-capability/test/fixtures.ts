/** DESIGN.md's example, verbatim. */
export const EXAMPLE = `[component]
namespace = "acme"              # optional (default "local"); the id is acme/order-intake
name = "order-intake"           # lowercase letters, digits, '-'; starts with a letter
version = "1.2.0"               # semver
source = "order-intake.wasm"    # relative to this file

[limits]
memory = "16MiB"                # cap on linear memory
timeout-ms = 500                # one export call
isolation = "auto"              # auto | inline | worker

[capabilities]
storage = ["read:cache/*", "write:cache/*"]
messaging = ["send:acme/billing", "request:acme/*", "publish:orders.created", "subscribe:orders.#"]
filesystem = ["read:/srv/in/**"]
network = ["outbound:api.example.com:443"]

[quotas]
storage = "100MiB"
message-rate = 1000             # per second
network = "10MiB/s"
cpu = "1000ms/s"
memory = "256MiB"
`;

/** The smallest valid manifest. */
export const MINIMAL = '[component]\nname = "a"\nversion = "1.0.0"\nsource = "a.wasm"\n';
