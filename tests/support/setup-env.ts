import os from "node:os";
import path from "node:path";

// Cheap bcrypt in tests: hashing stays real, just fast.
process.env.BCRYPT_ROUNDS ??= "4";
process.env.APP_SECRET ??= "test-secret-not-for-production";
// Uploads (the demo seed's room images among them) go to a temp folder, never the checkout's data/.
process.env.UPLOAD_DIR ??= path.join(os.tmpdir(), `academy-test-uploads-${process.pid}`);
