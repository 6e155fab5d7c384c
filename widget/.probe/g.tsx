import { render } from "preact";
import { useState, useEffect, useRef, useMemo } from "preact/hooks";
function A() { const [a, s] = useState(0); const r = useRef(null); useEffect(() => {}, [a]); const m = useMemo(() => a + 1, [a]); return <button ref={r} onClick={() => s(a + 1)}>{m}</button>; }
render(<A />, document.body);
