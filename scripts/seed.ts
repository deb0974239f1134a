/** `npm run db:seed`: migrate, then seed the demo data if the database is empty. */
import { exitOnDatabaseError, prepareDatabase } from "./lib/prepare-database";

const result = await prepareDatabase({ seed: true }).catch(exitOnDatabaseError);
console.log(result.seed?.created ? "Demo data seeded." : "Database not empty; demo seed skipped.");
