// Plain JavaScript on purpose: this must run, and fail politely, on any Node version.
var parts = process.versions.node.split('.').map(Number);
var ok = parts[0] > 22 || (parts[0] === 22 && parts[1] >= 18);
if (!ok) {
  process.stderr.write('Sigil needs Node.js >= 22.18 (Node 24 LTS recommended); this is Node ' + process.versions.node + '.\n');
  process.exit(1);
}
