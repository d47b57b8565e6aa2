// The file system the ts-morph Project sees: the discovered files' text exactly as discovery read
// it (BOM stripped), everything else from disk. Adding a discovered file then reads it from here
// and parses it once. (ts-morph's createSourceFile(…, { overwrite: true }) on a path that exists
// on disk reads and parses the disk copy, wraps all its children, and then parses the given text
// again: on 2000 files that was 40% of building the program.)
import { Project, type FileSystemHost, type RuntimeDirEntry } from 'ts-morph';

export class ReadTextFileSystem implements FileSystemHost {
  /** ts-morph's own view of the disk (the one a Project without a `fileSystem` option uses). */
  private readonly disk: FileSystemHost = new Project().getFileSystem();

  /** `texts`: absolute path → text. */
  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  readFileSync(filePath: string, encoding?: string): string {
    return this.texts.get(filePath) ?? this.disk.readFileSync(filePath, encoding);
  }
  async readFile(filePath: string, encoding?: string): Promise<string> {
    return this.texts.get(filePath) ?? this.disk.readFile(filePath, encoding);
  }
  fileExistsSync(filePath: string): boolean {
    return this.texts.has(filePath) || this.disk.fileExistsSync(filePath);
  }
  async fileExists(filePath: string): Promise<boolean> {
    return this.texts.has(filePath) || this.disk.fileExists(filePath);
  }

  // The rest is the disk's.
  isCaseSensitive(): boolean {
    return this.disk.isCaseSensitive();
  }
  readDirSync(dirPath: string): RuntimeDirEntry[] {
    return this.disk.readDirSync(dirPath);
  }
  directoryExistsSync(dirPath: string): boolean {
    return this.disk.directoryExistsSync(dirPath);
  }
  directoryExists(dirPath: string): Promise<boolean> {
    return this.disk.directoryExists(dirPath);
  }
  realpathSync(path: string): string {
    return this.disk.realpathSync(path);
  }
  getCurrentDirectory(): string {
    return this.disk.getCurrentDirectory();
  }
  glob(patterns: ReadonlyArray<string>): Promise<string[]> {
    return this.disk.glob(patterns);
  }
  globSync(patterns: ReadonlyArray<string>): string[] {
    return this.disk.globSync(patterns);
  }
  // The project is never saved or emitted: writing through it would be a bug.
  delete(): Promise<void> {
    return Promise.reject(readOnly());
  }
  deleteSync(): void {
    throw readOnly();
  }
  writeFile(): Promise<void> {
    return Promise.reject(readOnly());
  }
  writeFileSync(): void {
    throw readOnly();
  }
  mkdir(): Promise<void> {
    return Promise.reject(readOnly());
  }
  mkdirSync(): void {
    throw readOnly();
  }
  move(): Promise<void> {
    return Promise.reject(readOnly());
  }
  moveSync(): void {
    throw readOnly();
  }
  copy(): Promise<void> {
    return Promise.reject(readOnly());
  }
  copySync(): void {
    throw readOnly();
  }
}

function readOnly(): Error {
  return new Error('the analysed project is read-only');
}
