import { createContext, useContext } from "react";
import { DEFAULT_TIME_ZONE } from "~/lib/dates";

/**
 * The users' time zone as the server has it (APP_TIME_ZONE, else Asia/Shanghai), provided by the
 * root route from its loader, so the server and the browser render the same time.
 */
export const TimeZoneContext = createContext<string>(DEFAULT_TIME_ZONE);

export const useTimeZone = () => useContext(TimeZoneContext);
