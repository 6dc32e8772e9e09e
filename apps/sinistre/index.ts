import { deployApp } from "../../constructs/pulumi";
import { sinistre } from "./app";

export = deployApp(sinistre);
