import { deployApp } from "../../constructs/pulumi";
import { gestionContrats } from "./app";

export = deployApp(gestionContrats);
