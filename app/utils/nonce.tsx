import { createContext, useContext } from "react";

/** The per-request CSP nonce, set on the server; empty in the browser (browsers hide it from the DOM). */
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
