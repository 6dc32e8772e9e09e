import { deployApp } from "../../constructs/pulumi";
import { espaceClient } from "./app";

export = deployApp(espaceClient);
