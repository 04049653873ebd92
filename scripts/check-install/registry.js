#!/usr/bin/env node
/* eslint-disable no-console */
// A stand-in for npmjs.com while the @orkspace packages are not published:
// serves the tarballs in a folder as an npm registry (packuments and
// tarballs, nothing else), so that a new app installs them with the same
// `yarn add @orkspace/...` lines the READMEs give.
//
//   node scripts/check-install/registry.js <folder of .tgz> <port file>
//
// Listens on a free 127.0.0.1 port and writes it to <port file>.
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const zlib = require('node:zlib');
const crypto = require('node:crypto');
const tar = require('tar');

const [folder, portFile] = process.argv.slice(2);
if (!folder || !portFile) {
  console.error('usage: registry.js <folder of .tgz> <port file>');
  process.exit(2);
}

/** The package.json inside a tarball made by `yarn pack`. */
function manifestOf(file) {
  let manifest;
  const parser = new tar.Parser({
    filter: p => p === 'package/package.json',
    onReadEntry: entry => {
      const chunks = [];
      entry.on('data', c => chunks.push(c));
      entry.on('end', () => {
        manifest = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      });
    },
  });
  parser.end(zlib.gunzipSync(fs.readFileSync(file)));
  if (!manifest) throw new Error(`${file} has no package/package.json`);
  return manifest;
}

function packuments(baseUrl) {
  const byName = new Map();
  for (const entry of fs.readdirSync(folder)) {
    if (!entry.endsWith('.tgz')) continue;
    const file = path.join(folder, entry);
    const bytes = fs.readFileSync(file);
    const manifest = manifestOf(file);
    const published = fs.statSync(file).mtime.toISOString();
    const packument = byName.get(manifest.name) ?? {
      name: manifest.name,
      'dist-tags': {},
      versions: {},
      time: {},
    };
    packument.versions[manifest.version] = {
      ...manifest,
      dist: {
        tarball: `${baseUrl}/-/${encodeURIComponent(entry)}`,
        shasum: crypto.createHash('sha1').update(bytes).digest('hex'),
        integrity: `sha512-${crypto
          .createHash('sha512')
          .update(bytes)
          .digest('base64')}`,
      },
    };
    packument['dist-tags'].latest = manifest.version;
    packument.time[manifest.version] = published;
    packument.time.created = packument.time.modified = published;
    byName.set(manifest.name, packument);
  }
  return byName;
}

const server = http.createServer((req, res) => {
  const { port } = server.address();
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const send = (status, body, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(405, '{"error":"read-only"}');
  } else if (url.startsWith('/-/')) {
    const file = path.join(folder, path.basename(url.slice(3)));
    if (!file.endsWith('.tgz') || !fs.existsSync(file)) {
      send(404, '{"error":"not found"}');
    } else {
      send(200, fs.readFileSync(file), 'application/octet-stream');
    }
  } else {
    const packument = packuments(`http://127.0.0.1:${port}`).get(url.slice(1));
    if (packument) send(200, JSON.stringify(packument));
    else send(404, '{"error":"not found"}');
  }
  console.log(`${req.method} ${url} ${res.statusCode}`);
});

server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(portFile, String(server.address().port));
});
