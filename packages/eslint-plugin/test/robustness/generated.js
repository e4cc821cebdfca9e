"use strict";
// Compiler output as tsc emits it for ES2015 targets: __awaiter/__generator
// helpers, `void 0`, comma sequences, `exports.x = …` assignments.
var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadAll = exports.loadOne = void 0;
const loadOne = (id) => __awaiter(void 0, void 0, void 0, function* () { const r = yield fetch(`/items/${id}`); return r.json(); });
exports.loadOne = loadOne;
function loadAll(ids) { return __awaiter(this, void 0, void 0, function* () { return Promise.all(ids.map((id) => (0, exports.loadOne)(id))); }); }
exports.loadAll = loadAll;
(0, exports.loadAll)(["a", "b"]), Promise.race([(0, exports.loadOne)("x"), new Promise((r) => setTimeout(r, 1))]);
