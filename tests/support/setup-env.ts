// Cheap bcrypt in tests: hashing stays real, just fast.
process.env.BCRYPT_ROUNDS ??= "4";
process.env.APP_SECRET ??= "test-secret-not-for-production";
