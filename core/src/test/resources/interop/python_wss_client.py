"""wss:// echo check with Debian's python3-websockets over the standard ssl module (OpenSSL).

Usage: python_wss_client.py PORT CAFILE [tls1.2|tls1.3]
Verifies the server certificate against CAFILE (the test's self-signed certificate) and the host name
"localhost", offers subprotocol "echo", and exits 0 only if text, 1 MiB of binary, a fragmented message and a
ping all come back and the close handshake completes.
"""
import asyncio
import os
import ssl
import sys

import websockets


async def main(port, cafile, version):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # check_hostname and CERT_REQUIRED by default
    context.load_verify_locations(cafile=cafile)
    if version == "tls1.2":
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    elif version == "tls1.3":
        context.minimum_version = ssl.TLSVersion.TLSv1_3
    uri = f"wss://localhost:{port}/"
    async with websockets.connect(uri, ssl=context, subprotocols=["echo"], max_size=None,
                                  compression=None) as ws:
        assert ws.subprotocol == "echo", ws.subprotocol
        tls = ws.transport.get_extra_info("ssl_object")
        print("negotiated", tls.version(), tls.cipher()[0])
        if version == "tls1.2":
            assert tls.version() == "TLSv1.2", tls.version()
        elif version == "tls1.3":
            assert tls.version() == "TLSv1.3", tls.version()
        for text in ["hello over wss", "", "ünïcödé ✓ 𝄞", "y" * 70000]:
            await ws.send(text)
            got = await ws.recv()
            assert got == text, f"text mismatch for {len(text)} chars"
        for size in [1, 125, 126, 65536, 1 << 20]:
            data = os.urandom(size)
            await ws.send(data)
            got = await ws.recv()
            assert isinstance(got, bytes), type(got)
            assert got == data, f"binary mismatch at {size}"
        await ws.send([b"frag", b"men", b"ted"])  # one binary message in three fragments
        assert await ws.recv() == b"fragmented"
        pong = await ws.ping(b"are you there")
        await asyncio.wait_for(pong, 5)
        await ws.close(1000, "bye")
        assert ws.close_code == 1000, ws.close_code
    print("python3-websockets wss echo OK")


asyncio.run(asyncio.wait_for(main(int(sys.argv[1]), sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else ""), 60))
