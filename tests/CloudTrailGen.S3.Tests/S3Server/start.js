// Starts s3rver on 127.0.0.1 for the CloudTrailGen.S3 tests.
//   node start.js DATA_DIRECTORY
// Prints "LISTENING <port>" once it accepts requests (the port is chosen by the system), then
// "REQUEST <method> <url>" for every request it receives, so that tests can check what was listed.
// Exits when its standard input closes, so that it never outlives the test process.
'use strict';
const S3rver = require('s3rver');
const FilesystemStore = require('s3rver/lib/stores/filesystem');

// s3rver 3.7.1 stores keys as nested folders and, with a delimiter, stops its folder walk one
// level below the prefix, so a key deeper than that gives no common prefix at all: listing
// "AWSLogs/" with "/" returns nothing although AWSLogs/111111111111/CloudTrail/... exists. S3
// returns "AWSLogs/111111111111/". The store is given S3's behaviour here: list every key under
// the prefix, then roll up those with a delimiter after the prefix into common prefixes.
const listObjects = FilesystemStore.prototype.listObjects;
FilesystemStore.prototype.listObjects = async function (bucket, options) {
  const { delimiter, prefix = '' } = options;
  if (!delimiter) return listObjects.call(this, bucket, options);
  const all = await listObjects.call(this, bucket, { ...options, delimiter: '', maxKeys: Infinity });
  const objects = [];
  const commonPrefixes = new Set();
  for (const object of all.objects) {
    const index = object.key.indexOf(delimiter, prefix.length);
    if (index === -1) objects.push(object);
    else commonPrefixes.add(object.key.slice(0, index + delimiter.length));
  }
  return { objects, commonPrefixes: [...commonPrefixes].sort(), isTruncated: false };
};

const directory = process.argv[2];
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: 'trail-logs' }],
});

server.run().then(
  address => {
    server.httpServer.on('request', request => {
      process.stdout.write(`REQUEST ${request.method} ${request.url}\n`);
    });
    process.stdout.write(`LISTENING ${address.port}\n`);
  },
  error => {
    process.stderr.write(`s3rver did not start: ${error.stack || error}\n`);
    process.exit(1);
  },
);

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
