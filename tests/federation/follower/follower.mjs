// An independent ActivityPub follower for the bridge's federation tests, built with Fedify: it looks the
// bridge up by WebFinger, signs its Follow with its own RSA key (draft-cavage rsa-sha256, as Mastodon does)
// and lets Fedify verify every activity delivered to its inbox before recording it. Our server is tested
// against someone else's reading of ActivityPub, not against our own.
//
// Environment: PORT (listens on 127.0.0.1:PORT), RECEIVED (a file: one JSON line per verified activity),
// optionally FEDIFY_LOG (see below), TLS_CERT and TLS_KEY (PEM files: serve HTTPS, so that another follower can find this one by
// its handle, since Fedify asks https://<host>/.well-known/webfinger for acct: handles).
// Control API on the same port: POST /control/follow {"handle"}, POST /control/unfollow {"handle"},
// GET /control/received, GET /control/deliveries (every POST to an inbox and Fedify's answer),
// GET /control/ready.

import { AsyncLocalStorage } from "node:async_hooks";
import { appendFileSync, readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

// Fedify is installed in tests/clients (npm ci, pinned by its lock file); ESM ignores NODE_PATH, so
// import it by path, through the entry point its package.json exports.
const CLIENTS = new URL("../../clients/node_modules/@fedify/fedify/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", CLIENTS), "utf-8"));
const {
  Accept,
  Activity,
  Create,
  Delete,
  Endpoints,
  Event,
  Follow,
  Link,
  MemoryKvStore,
  Person,
  Place,
  Reject,
  Tombstone,
  Undo,
  Update,
  createFederation,
  exportJwk,
  getTypeId,
  importJwk,
  isActor,
} = await import(new URL(manifest.exports["."].import.default, CLIENTS).href);

// FEDIFY_LOG=debug|info|warning|error prints Fedify's own log: why a signature was refused is only said
// at debug level ("digest mismatch", "Date is too far in the past", the signed string...). LogTape is
// Fedify's dependency; configured through the very copy Fedify imports (its ESM build), or it would not apply.
if (process.env.FEDIFY_LOG) {
  const script = createRequire(new URL("package.json", CLIENTS)).resolve("@logtape/logtape");
  const { configure, getConsoleSink } = await import(pathToFileURL(join(dirname(script), "..", "esm", "mod.js")).href);
  await configure({
    sinks: { console: getConsoleSink() },
    contextLocalStorage: new AsyncLocalStorage(),
    loggers: [
      { category: "fedify", lowestLevel: process.env.FEDIFY_LOG, sinks: ["console"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["console"] },
    ],
  });
}

const PORT = Number(process.env.PORT);
const RECEIVED = process.env.RECEIVED;
if (!PORT || !RECEIVED) {
  console.error("PORT and RECEIVED must be set");
  process.exit(2);
}
const TLS = process.env.TLS_CERT && process.env.TLS_KEY;
const ORIGIN = `${TLS ? "https" : "http"}://127.0.0.1:${PORT}`;
const READER = "reader";

// Mastodon's kind of key: RSASSA-PKCS1-v1_5 with SHA-256 (2048 bits: quicker to make than Fedify's 4096).
const keyPair = await crypto.subtle.generateKey(
  { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
  true,
  ["sign", "verify"],
);
// Re-imported through Fedify so that the key is exactly what its signer accepts (extractable, SHA-256).
const keys = {
  privateKey: await importJwk(await exportJwk(keyPair.privateKey), "private"),
  publicKey: await importJwk(await exportJwk(keyPair.publicKey), "public"),
};

const received = [];
const deliveries = [];
const follows = new Map(); // handle -> { follow: Follow, actor: remote actor }

const federation = createFederation({
  kv: new MemoryKvStore(),
  allowPrivateAddress: true, // the bridge under test is on 127.0.0.1
  // skipSignatureVerification stays false: the signatures are what the tests are about.
});

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== READER) return null;
    const [pair] = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify test reader",
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      followers: ctx.getFollowersUri(identifier),
      url: ctx.getActorUri(identifier),
      publicKey: pair.cryptographicKey,
      assertionMethods: [pair.multikey],
    });
  })
  .setKeyPairsDispatcher(async (_ctx, identifier) => (identifier === READER ? [keys] : []));

federation.setFollowersDispatcher("/users/{identifier}/followers", async () => ({ items: [] }));

function text(value) {
  return value == null ? null : value.toString();
}

function href(value) {
  if (value == null) return null;
  if (value instanceof URL) return value.href;
  if (value instanceof Link) return text(value.href);
  return text(value.id ?? value.url);
}

async function listOf(iterable) {
  const items = [];
  try {
    for await (const item of iterable) items.push(item);
  } catch (error) {
    items.push({ error: String(error) });
  }
  return items;
}

async function describeLocation(place) {
  if (place == null) return null;
  if (place instanceof URL) return { type: "URL", href: place.href };
  const described = { type: place.constructor.name, id: text(place.id), name: text(place.name) };
  if (place instanceof Link) described.href = text(place.href);
  if (place instanceof Place) {
    for (const field of ["latitude", "longitude", "altitude", "accuracy", "radius", "units"]) {
      described[field] = place[field] ?? null;
    }
  }
  described.content = text(place.content);
  described.urls = place.urls?.map(href) ?? [];
  return described;
}

// What Fedify itself understood of an Event: the tests compare it with what the agenda published.
async function describeEvent(event) {
  const attachments = await listOf(event.getAttachments());
  const tags = await listOf(event.getTags());
  let location = null;
  try {
    location = await describeLocation(await event.getLocation());
  } catch (error) {
    location = { error: String(error) };
  }
  return {
    id: text(event.id),
    name: text(event.name),
    summary: text(event.summary),
    content: text(event.content),
    mediaType: event.mediaType ?? null,
    startTime: text(event.startTime),
    endTime: text(event.endTime),
    published: text(event.published),
    updated: text(event.updated),
    duration: text(event.duration),
    url: href(event.url),
    urls: event.urls.map(href),
    location,
    attachments: attachments.map((item) =>
      item.error
        ? item
        : {
            type: item.constructor.name,
            url: href(item.url ?? item.href),
            urls: item.urls?.map(href) ?? [],
            name: text(item.name),
            mediaType: item.mediaType ?? null,
          },
    ),
    tags: tags.map((item) =>
      item.error ? item : { type: item.constructor.name, name: text(item.name), href: text(item.href) },
    ),
    attributedTo: event.attributionIds.map(href),
    to: event.toIds.map(href),
    cc: event.ccIds.map(href),
  };
}

async function record(ctx, activity) {
  // An embedded object is read as sent; a mere reference is fetched only for Create and Update (as a
  // server would, to show it), never for Accept/Undo/Delete, whose object id says all (and whose fetch
  // would answer something else: a Follow's id with a fragment dereferences to its actor).
  const raw = ctx.activity?.object;
  const embedded = raw != null && typeof raw === "object" && !Array.isArray(raw);
  let object = null;
  if (embedded || activity instanceof Create || activity instanceof Update) {
    try {
      object = await activity.getObject();
    } catch (error) {
      object = { error: String(error) };
    }
  }
  const entry = {
    type: activity.constructor.name,
    id: text(activity.id),
    actor: text(activity.actorId),
    recipient: ctx.recipient ?? null, // null: delivered to the shared inbox
    object_type: null,
    object_id: text(activity.objectId),
    object_embedded: embedded,
    object: null,
    parsed: null,
    raw: ctx.activity, // the JSON as it came in (Fedify verified its signature first)
  };
  if (object?.error) {
    entry.parsed = object;
  } else if (object != null) {
    entry.object_type = object instanceof URL ? "URL" : getTypeId(object).href.replace(/^.*[#/]/, "");
    entry.object_id = object instanceof URL ? object.href : text(object.id);
    entry.object = object instanceof URL ? object.href : await object.toJsonLd();
    if (object instanceof Event) entry.parsed = await describeEvent(object);
    else if (object instanceof Tombstone)
      entry.parsed = { id: text(object.id), deleted: text(object.deleted) };
    else if (object instanceof Activity)
      entry.parsed = { type: object.constructor.name, id: text(object.id), actor: text(object.actorId) };
  }
  if (entry.parsed == null && entry.object_id != null) entry.parsed = { id: entry.object_id };
  received.push(entry);
  appendFileSync(RECEIVED, `${JSON.stringify(entry)}\n`);
}

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Follow, async (ctx, follow) => {
    await record(ctx, follow);
    // Answering Accept lets two followers follow each other (the follower's own test).
    if (follow.id == null || follow.objectId == null) return;
    const parsed = ctx.parseUri(follow.objectId);
    if (parsed?.type !== "actor" || parsed.identifier !== READER) return;
    const follower = await follow.getActor();
    if (follower == null || !isActor(follower)) return;
    await ctx.sendActivity(
      { identifier: READER },
      follower,
      new Accept({
        id: new URL(`${ctx.getActorUri(READER).href}#accepts/${crypto.randomUUID()}`),
        actor: follow.objectId,
        object: follow,
      }),
    );
  })
  .on(Accept, record)
  .on(Reject, record)
  .on(Create, record)
  .on(Update, record)
  .on(Delete, record)
  .on(Undo, record)
  .on(Activity, record) // anything else: recorded too, so that a test sees what came
  .onError((_ctx, error) => console.error("inbox listener failed:", error));

function json(status, body) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

async function follow(ctx, handle) {
  // By WebFinger for a handle (@user@host -> acct:, always https), or by dereferencing a URL.
  const actor = await ctx.lookupObject(handle);
  if (actor == null) return json(502, { error: `Fedify could not look up ${handle}` });
  if (!isActor(actor)) {
    return json(502, { error: `${handle} is a ${actor.constructor.name}, not an actor` });
  }
  const activity = new Follow({
    id: new URL(`${ctx.getActorUri(READER).href}#follows/${crypto.randomUUID()}`),
    actor: ctx.getActorUri(READER),
    object: actor.id,
  });
  await ctx.sendActivity({ identifier: READER }, actor, activity); // throws when the inbox refuses it
  follows.set(handle, { follow: activity, actor });
  let icon = null;
  try {
    icon = href((await actor.getIcon())?.url);
  } catch (error) {
    icon = { error: String(error) };
  }
  return json(200, {
    actor: text(actor.id),
    inbox: text(actor.inboxId),
    sharedInbox: text(actor.endpoints?.sharedInbox),
    type: actor.constructor.name,
    name: text(actor.name),
    preferredUsername: text(actor.preferredUsername),
    icon,
    publicKeys: actor.publicKeyIds.map(href),
    follow: activity.id.href,
  });
}

async function unfollow(ctx, handle) {
  const known = follows.get(handle);
  if (known == null) return json(404, { error: `${handle} was not followed` });
  const undo = new Undo({
    id: new URL(`${ctx.getActorUri(READER).href}#undos/${crypto.randomUUID()}`),
    actor: ctx.getActorUri(READER),
    object: known.follow,
  });
  await ctx.sendActivity({ identifier: READER }, known.actor, undo);
  follows.delete(handle);
  return json(200, { actor: text(known.actor.id), follow: known.follow.id.href, undo: undo.id.href });
}

async function control(request) {
  const path = new URL(request.url).pathname;
  const ctx = federation.createContext(new URL(ORIGIN), undefined);
  if (request.method === "GET" && path === "/control/ready") {
    return json(200, { pid: process.pid, actor: ctx.getActorUri(READER).href, inbox: ctx.getInboxUri(READER).href });
  }
  if (request.method === "GET" && path === "/control/received") return json(200, received);
  if (request.method === "GET" && path === "/control/deliveries") return json(200, deliveries);
  if (request.method === "POST" && (path === "/control/follow" || path === "/control/unfollow")) {
    let handle;
    try {
      ({ handle } = await request.json());
    } catch {
      return json(400, { error: 'expected JSON {"handle": ...}' });
    }
    try {
      return await (path === "/control/follow" ? follow : unfollow)(ctx, handle);
    } catch (error) {
      console.error(`${path} ${handle} failed:`, error);
      return json(502, { error: String(error?.stack ?? error) });
    }
  }
  return json(404, { error: `no control ${request.method} ${path}` });
}

async function serve(req, res) {
  const url = new URL(req.url, ORIGIN);
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const request = new Request(url, { method: req.method, headers, body });
  let response;
  try {
    response = url.pathname.startsWith("/control/")
      ? await control(request)
      : await federation.fetch(request, { contextData: undefined });
  } catch (error) {
    console.error(`${req.method} ${url.pathname} failed:`, error);
    response = new Response(String(error), { status: 500 });
  }
  const answer = Buffer.from(await response.arrayBuffer());
  if (req.method === "POST" && !url.pathname.startsWith("/control/")) {
    deliveries.push({
      path: url.pathname,
      status: response.status,
      answer: answer.toString("utf-8").slice(0, 500),
      headers: Object.fromEntries(headers),
      body: body?.toString("utf-8") ?? null,
    });
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(answer);
}

const server = TLS
  ? https.createServer(
      { cert: readFileSync(process.env.TLS_CERT), key: readFileSync(process.env.TLS_KEY) },
      (req, res) => void serve(req, res),
    )
  : http.createServer((req, res) => void serve(req, res));
server.listen(PORT, "127.0.0.1", () => console.error(`follower listening on ${ORIGIN}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => process.exit(0));
