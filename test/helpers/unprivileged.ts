// Tests run as root here, and root reads a chmod 000 file anyway. To see the real EACCES the OS
// gives a normal user, the test lowers its *effective* uid to `nobody` for the call and restores
// it afterwards (the saved uid stays 0, so the switch back is allowed).
const NOBODY = 65534;

export async function asUnprivilegedUser<T>(fn: () => Promise<T>): Promise<T> {
  const euid = process.geteuid?.();
  if (euid !== 0 || !process.seteuid) return fn();
  process.seteuid(NOBODY);
  try {
    return await fn();
  } finally {
    process.seteuid(0);
  }
}
