// Module hooks for a child process under test: prints "PKG <name>" on stderr for every npm package
// the process imports, so a test can tell which libraries a command loads.
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(resolved.url);
  if (match) process.stderr.write(`PKG ${match[1]}\n`);
  return resolved;
}
