// What marks a value as a key of business data: the callee names and positions of maps,
// caches, locks and database calls. Shared by the analysis (with types) and `--check` (syntax only).

/** A callee whose name says it keys something: locks, leases, caches, idempotency and dedup stores. */
export const KEY_CALLEE = /lock|lease|mutex|semaphore|cache|idempot|dedup/i;
/** Methods whose first argument is a key (`map.get(id)`, `redis.set(id, …)`). */
export const KEY_METHODS_FIRST_ARG: ReadonlySet<string> = new Set(['get', 'set', 'has', 'delete', 'del', 'add', 'remove', 'hget', 'hset', 'hdel', 'incr', 'decr', 'expire', 'setex', 'getdel', 'acquire', 'release']);
/** Database-style methods: a value passed to them addresses or fills a row. */
export const DATABASE_CALLEE = /^(insert|update|upsert|save|create|createMany|find|findOne|findUnique|findFirst|findMany|findBy\w*|where|delete|destroy|remove|query|select|exec|execute|persist|store|put|markProcessed)$/;
