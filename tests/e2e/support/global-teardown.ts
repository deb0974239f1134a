import fs from "node:fs";

export default async function globalTeardown() {
  const pid = Number(process.env.E2E_SERVER_PID);
  if (pid) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  if (process.env.E2E_DIR) fs.rmSync(process.env.E2E_DIR, { recursive: true, force: true });
}
