// Validates the OpenAPI document the build wrote against the OpenAPI 3.1
// specification's schema, and resolves every $ref in it, with
// @apidevtools/swagger-parser. Usage: node scripts/validate_openapi.mjs FILE
import { readFileSync } from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: node scripts/validate_openapi.mjs openapi.json");
  process.exit(2);
}
const document = JSON.parse(readFileSync(file, "utf8"));
if (document.openapi !== "3.1.0") {
  console.error(`${file}: openapi is ${document.openapi}, not 3.1.0`);
  process.exit(1);
}
try {
  await SwaggerParser.validate(structuredClone(document));
} catch (error) {
  console.error(`${file}: ${error.message}`);
  process.exit(1);
}
const operations = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
console.log(`${file}: valid OpenAPI 3.1, ${operations} operations, ${Object.keys(document.components.schemas).length} schemas`);
