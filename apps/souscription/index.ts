import { deployApp } from "../../constructs/pulumi";
import { souscription } from "./app";

export = deployApp(souscription);
