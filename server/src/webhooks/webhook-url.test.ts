import { describe, expect, test } from "bun:test";
import { checkWebhookUrl, isPrivateAddress } from "./webhook-url";

const publicDns = async () => ["93.184.215.14"];

describe("webhook targets", () => {
  test("private, loopback, link-local and reserved addresses are recognised, in both IP versions", () => {
    for (const address of [
      "127.0.0.1",
      "127.255.0.9",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "not an address",
    ]) {
      expect(`${address}: ${isPrivateAddress(address)}`).toBe(`${address}: true`);
    }
    for (const address of ["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"]) {
      expect(`${address}: ${isPrivateAddress(address)}`).toBe(`${address}: false`);
    }
  });

  test("only http(s), no credentials, no private targets, also once the name is resolved", async () => {
    const refused = async (url: string, resolve = publicDns) =>
      checkWebhookUrl(url, { allowPrivate: false, resolve }).then(
        () => "accepted",
        (error: Error) => error.message,
      );
    expect(await refused("https://hooks.example.com/in")).toBe("accepted");
    expect(await refused("ftp://hooks.example.com/in")).toContain("only http and https");
    expect(await refused("javascript:alert(1)")).toContain("only http and https");
    expect(await refused("not a url")).toContain("not a valid URL");
    expect(await refused("https://user:pw@hooks.example.com/")).toContain("credentials");
    for (const url of [
      "http://127.0.0.1:8080/",
      "http://localhost/",
      "http://api.localhost/",
      "http://[::1]/",
      "http://[::ffff:7f00:1]/",
      "http://10.0.0.8/",
      "http://169.254.169.254/latest/meta-data/",
      "http://2130706433/",
      "http://0x7f.1/",
    ]) {
      expect(`${url} ${await refused(url)}`).toContain("not allowed");
    }
    // A public-looking name that resolves to loopback (or to one private address among several).
    expect(await refused("https://rebind.example.com/", async () => ["127.0.0.1"])).toContain("not allowed");
    expect(await refused("https://mixed.example.com/", async () => ["93.184.215.14", "10.0.0.1"])).toContain(
      "not allowed",
    );
    expect(
      await refused("https://gone.example.com/", async () => {
        throw new Error("ENOTFOUND");
      }),
    ).toContain("could not be resolved");
    expect(
      await checkWebhookUrl("http://127.0.0.1:9/", { allowPrivate: true, resolve: publicDns }).then(
        (u) => u.href,
      ),
    ).toBe("http://127.0.0.1:9/");
  });
});
