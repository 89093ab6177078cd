import fs from 'node:fs';

/**
 * Writes a file (a backup, the cluster template) beside its name and renames it into place: a failed
 * write never leaves a truncated file under that name, and a process that reads the file meanwhile
 * sees all of it or nothing.
 */
export async function writeAtomically(
  file: string,
  write: (partial: string) => void | Promise<void>,
): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    await write(partial);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** A PGlite dump (`dumpDataDir`), written as writeAtomically writes. */
export async function writeDump(file: string, dump: Blob): Promise<void> {
  const bytes = Buffer.from(await dump.arrayBuffer());
  await writeAtomically(file, (partial) => fs.writeFileSync(partial, bytes));
}
