/** output/schema/article.schema.json, generated from the Zod schema of the records. */
import { z } from "zod";
import { Article } from "../schema/record.js";

export function articleJsonSchema(): unknown {
  return z.toJSONSchema(Article, { target: "draft-2020-12", unrepresentable: "any" });
}
