import fs from 'node:fs';

/**
 * Writes a PGlite dump (a backup, the empty-cluster template) beside its name and renames it into
 * place: a failed write never leaves a truncated file under that name, and a process that reads the
 * file meanwhile sees all of it or nothing.
 */
export async function writeDump(file: string, dump: Blob): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
