#include <iostream>

int main() {
  std::cerr << "protokoll: not implemented yet\n";
  return 2;
}
