// Prints the scrypt hash of a password or PIN for a store bus users file.
// Reads it from stdin, so it stays out of shell history and process lists:
//   printf '%s' 4711 | npx tsx electron/host/store-bus/hash-password.ts
import { hashPassword } from './credentials';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
if (password === '') {
  console.error('hash-password: give the password or PIN on stdin, e.g. printf %s 4711 | npx tsx electron/host/store-bus/hash-password.ts');
  process.exit(2);
}
console.log(await hashPassword(password));
