import { render } from "preact";
import { serverBase } from "./api/base-url";
import { App } from "./components/App";
import "./dashboard.css";

const root = document.getElementById("app");
if (root) render(<App server={serverBase(location)} />, root);
