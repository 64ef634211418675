// Loaded with `node --import`: installs the hook before the client's modules are resolved.
import { register } from 'node:module'

register('./substitute-webrtc-hooks.mjs', import.meta.url)
