"""Echo check with Debian's python3-websockets: exits 0 only if every message comes back unchanged."""
import asyncio
import os
import sys

import websockets


async def main(port):
    uri = f"ws://127.0.0.1:{port}/"
    async with websockets.connect(uri, subprotocols=["echo"], max_size=None, compression=None) as ws:
        assert ws.subprotocol == "echo", ws.subprotocol
        for text in ["hello", "", "ünïcödé ✓ 𝄞", "x" * 70000]:
            await ws.send(text)
            got = await ws.recv()
            assert got == text, f"text mismatch for {len(text)} chars"
        for size in [0, 1, 125, 126, 65535, 65536, 1 << 20]:
            data = os.urandom(size)
            await ws.send(data)
            got = await ws.recv()
            assert got == data, f"binary mismatch at {size}"
        await ws.send(["frag", "men", "ted"])  # one message in three fragments
        assert await ws.recv() == "fragmented"
        pong = await ws.ping(b"are you there")
        await asyncio.wait_for(pong, 5)
        await ws.close(1000, "bye")
        assert ws.close_code == 1000, ws.close_code
    print("python3-websockets echo OK")


asyncio.run(asyncio.wait_for(main(int(sys.argv[1])), 30))
