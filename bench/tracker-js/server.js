// The reference WebTorrent tracker (npm bittorrent-tracker), WebSocket only, on 127.0.0.1:PORT.
// Prints "listening PORT" once it accepts connections. Usage: node server.js PORT
// The server entry point only: the package root also loads the client and its native WebRTC
// module, which npm ci --ignore-scripts deliberately leaves unbuilt.
import Server from 'bittorrent-tracker/server'

const port = Number(process.argv[2])
// stats: false keeps the comparison to signaling; filter: allow every info_hash like ours does.
const server = new Server({ udp: false, http: false, ws: true, stats: false, trustProxy: false })
server.on('error', err => { console.error('error', err.message); process.exit(1) })
server.on('warning', () => {}) // malformed-message warnings would only slow the hot path down
server.on('listening', () => console.log('listening', port))
server.listen(port, '127.0.0.1')
