import type { Menu } from '../../common/menu/schema';
import { type ValidationError } from '../../common/menu/validate';
export interface ImageCheckOptions {
    /** Also report images that do not exist (menu:check); the host only refuses paths that escape. */
    requireExisting: boolean;
}
/** Every image path of the menu, with its JSON path. */
export declare function menuImagePaths(menu: Menu): {
    image: string;
    path: (string | number)[];
}[];
/** The real path of `relative` under `root` if it exists and stays inside root's real path; why not, otherwise. */
export declare function resolveInside(root: string, relative: string): {
    file: string;
} | {
    problem: 'missing' | 'outside' | 'not_a_file';
    file: string;
};
export declare function menuImageProblems(menu: Menu, imageDir: string, options: ImageCheckOptions): ValidationError[];
